package io.github.session4j.redis;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * The conditional replace of a large value, which keeps the value out of Lua: a {@code SET} writes
 * it under a staged key, and {@link ReplaceScript#STAGED}, sent right behind it on the same
 * connection (pipelined: one round trip of latency, two commands), renames the staged key over the
 * session's key if the version still matches, or deletes it if not.
 *
 * <p>The staged key is the session's key followed by {@code .staged.} and the new version in hex,
 * so it is unique to one save and falls under the same key prefix (and ACL key pattern). On a
 * cluster it must hash to the session key's slot: when it does not (the key has no hash tag), the
 * key is wrapped in braces, {@code {key}.staged.…}, whose hash tag is the whole session key. The
 * staged key lives {@link #STAGING_TTL} at most, so a client that dies between the two commands
 * leaves nothing behind for long; if it has expired when the script runs, the save is repeated
 * with the inline script.
 */
final class StagedReplace {

    /** Records from this size on are staged; smaller ones go inline, where one command is cheaper. */
    static final int THRESHOLD_BYTES = 8 * 1024;

    /** How long a staged value may wait for its script. */
    static final Duration STAGING_TTL = Duration.ofMinutes(1);

    private static final byte[] MARKER = ".staged.".getBytes(StandardCharsets.US_ASCII);
    private static final int HEX_VERSION_LENGTH = 2 * VersionedValue.PREFIX;

    private final RedisClusterCommands<byte[], byte[]> commands;
    private final RedisClusterAsyncCommands<byte[], byte[]> async;
    private final boolean cluster;
    private final long awaitNanos;

    StagedReplace(RedisLink link, boolean cluster, Duration commandTimeout) {
        this.commands = link.commands();
        this.async = link.async();
        this.cluster = cluster;
        // the client times commands out itself; this only bounds the wait if it somehow does not
        this.awaitNanos = commandTimeout.multipliedBy(2).toNanos();
    }

    /**
     * Whether a record of this size is replaced through a staged key.
     *
     * @param recordLength the record's length in bytes
     * @return true from {@link #THRESHOLD_BYTES} on
     */
    static boolean worthStaging(int recordLength) {
        return recordLength >= THRESHOLD_BYTES;
    }

    /**
     * The staged key for one save: in the key's cluster slot, or null when no such name exists
     * (only for a key prefix with unbalanced braces on a cluster).
     *
     * @param key the session's key
     * @param newVersion the version the save writes
     * @param cluster whether keys must share a cluster slot
     * @return the staged key, or null
     */
    static byte[] stagedKey(byte[] key, long newVersion, boolean cluster) {
        byte[] suffix = suffix(newVersion);
        byte[] appended = concat(key, suffix);
        if (!cluster || SlotHash.getSlot(appended) == SlotHash.getSlot(key)) {
            return appended;
        }
        byte[] braced = concat(concat(new byte[] {'{'}, key), concat(new byte[] {'}'}, suffix));
        return SlotHash.getSlot(braced) == SlotHash.getSlot(key) ? braced : null;
    }

    /**
     * Whether a key is a staged value rather than a session ({@code countLive} skips them).
     *
     * @param key a key
     * @return true if it ends with {@code .staged.} and 16 hex digits
     */
    static boolean isStaged(byte[] key) {
        int markerAt = key.length - HEX_VERSION_LENGTH - MARKER.length;
        return markerAt >= 0 && Arrays.equals(key, markerAt, markerAt + MARKER.length, MARKER, 0, MARKER.length);
    }

    /**
     * Runs the staged replace.
     *
     * @param key the session's key
     * @param stagedKey the staged key, from {@link #stagedKey}
     * @param expectedVersion the version the stored value must still have
     * @param value the new stored value (version prefix included)
     * @param ttlMillis the new TTL
     * @param deadline the latest server time (ms) at which the script may write
     * @param index the index change that rides along, applied only when the write wins
     * @return 1 when replaced, 0 on a version mismatch, {@link ReplaceScript#LATE} when it ran too late
     */
    long run(byte[] key, byte[] stagedKey, long expectedVersion, byte[] value, long ttlMillis, long deadline,
            IndexArgs index) {
        ReplaceScript script = index.isNone() ? ReplaceScript.STAGED : IndexScripts.STAGED;
        byte[][] keys = index.keys(key, stagedKey);
        byte[][] args = index.args(VersionedValue.prefix(expectedVersion), ReplaceScript.millis(ttlMillis),
                ReplaceScript.millis(deadline));
        long stagingMillis = Math.min(STAGING_TTL.toMillis(), ttlMillis);
        RedisFuture<String> staged = async.set(stagedKey, value, SetArgs.Builder.px(stagingMillis));
        RedisFuture<Long> swapped = async.evalsha(script.sha(), ScriptOutputType.INTEGER, keys, args);
        LettuceFutures.awaitOrCancel(staged, awaitNanos, TimeUnit.NANOSECONDS);
        Long reply;
        try {
            reply = LettuceFutures.awaitOrCancel(swapped, awaitNanos, TimeUnit.NANOSECONDS);
        } catch (RedisNoScriptException e) {
            reply = script.eval(commands, keys, args);
        }
        if (reply != null && reply == -1L) {
            return ReplaceScript.inline(commands, key, expectedVersion, value, ttlMillis, deadline, index);
        }
        return reply == null ? 0L : reply;
    }

    private static byte[] suffix(long version) {
        return concat(MARKER, HexFormat.of().formatHex(VersionedValue.prefix(version)).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
