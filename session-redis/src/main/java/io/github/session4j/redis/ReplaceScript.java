package io.github.session4j.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A conditional write, run on the server as one Lua script so that the version check and the
 * write are atomic.
 *
 * <p>There are three writes: {@link #INLINE} receives the new value as an argument, {@link #STAGED}
 * moves it from a staged key that a {@code SET} just before it wrote ({@link StagedReplace}), and
 * {@link #APPEND} adds a tail to the stored value in place. A fourth script, {@link #REVALIDATE},
 * only reads: it tells whether the stored value still has a version, without returning the value. Redis copies every script argument
 * into a Lua string, which costs about 1.3 µs per KB on the server (137 µs for a 100 KB value,
 * against 1.5 µs for a plain {@code SET}); a {@code RENAME} moves a value of any size in constant
 * time, and an append sends only the tail.
 *
 * <p>Each script is loaded once at start-up ({@code SCRIPT LOAD}, on every master of a cluster) and
 * then called by its SHA-1 ({@code EVALSHA}). A server that has lost its script cache (a restart,
 * a failover to a replica, {@code SCRIPT FLUSH}) answers {@code NOSCRIPT}; the call is then
 * repeated once with {@code EVAL}, which also caches the script there again.
 *
 * <p>The three writes are fenced: each first reads the server's {@code TIME} and writes nothing
 * when it is past the deadline the caller passed ({@link ServerClock#writeDeadline()}), so a write
 * that reaches the server after the client gave up on it changes nothing.
 *
 * <p>A server's {@code INFO commandstats} also counts the commands a script runs. Each write
 * script runs {@code TIME} once; besides, the inline script uses {@code GETRANGE} and
 * {@code PSETEX}; the staged one {@code EXISTS}, {@code GETRANGE},
 * {@code RENAME}, {@code PEXPIRE} and {@code UNLINK}; the append one {@code GETRANGE},
 * {@code SETRANGE}, {@code APPEND} and {@code PEXPIRE}; the revalidating one {@code GETRANGE}, and
 * {@code TIME} and {@code PEXPIREAT} when it refreshes the expiry. All but {@code PEXPIRE} are commands the
 * backend never sends on its own ({@link #INNER_COMMANDS}), which lets a round-trip counter tell
 * them apart from the client's own commands. {@code PEXPIRE} is also {@code touch}'s command, and
 * {@code SET} (of a staged value) shares its round trip with the staged script: each comes exactly
 * once with a command of {@link #PAIRED_COMMANDS}, so a counter can take off as many calls as
 * those had.
 */
final class ReplaceScript {

    /**
     * KEYS[1] the key; ARGV[1] the expected 8-byte version; ARGV[2] the new value; ARGV[3] the TTL
     * in ms; ARGV[4] the deadline (server {@code TIME} in ms). Returns 1 when replaced, 0 on a
     * version mismatch, -2 when it runs after its deadline (nothing written).
     */
    static final ReplaceScript INLINE = new ReplaceScript(fence(4)
            + "if redis.call('GETRANGE', KEYS[1], 0, 7) == ARGV[1] then\n"
            + "  redis.call('PSETEX', KEYS[1], ARGV[3], ARGV[2])\n"
            + "  return 1\n"
            + "end\n"
            + "return 0\n");

    /**
     * KEYS[1] the key; KEYS[2] the staged key holding the new value; ARGV[1] the expected 8-byte
     * version; ARGV[2] the TTL in ms; ARGV[3] the deadline (server {@code TIME} in ms). Returns 1
     * when replaced, 0 on a version mismatch (the staged key is removed), -1 when the staged key is
     * gone (it expired before the script ran), -2 when it runs after its deadline (the staged key is
     * removed, nothing written).
     */
    static final ReplaceScript STAGED = new ReplaceScript(
            "local now = redis.call('TIME')\n"
            + "if tonumber(now[1]) * 1000 + tonumber(now[2]) / 1000 > tonumber(ARGV[3]) then\n"
            + "  redis.call('UNLINK', KEYS[2])\n"
            + "  return -2\n"
            + "end\n"
            + "if redis.call('EXISTS', KEYS[2]) == 0 then\n"
            + "  return -1\n"
            + "end\n"
            + "if redis.call('GETRANGE', KEYS[1], 0, 7) == ARGV[1] then\n"
            + "  redis.call('RENAME', KEYS[2], KEYS[1])\n"
            + "  redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
            + "  return 1\n"
            + "end\n"
            + "redis.call('UNLINK', KEYS[2])\n"
            + "return 0\n");

    /**
     * KEYS[1] the key; ARGV[1] the expected 8-byte version; ARGV[2] the new 8-byte version;
     * ARGV[3] the tail; ARGV[4] the TTL in ms; ARGV[5] the deadline (server {@code TIME} in ms).
     * Returns 1 when appended, 0 when the key is missing, has another version or holds an empty
     * record, -2 when it runs after its deadline (nothing written). The record itself never enters Lua: the new
     * version overwrites the old one in place and the tail is appended behind the record. Runs
     * {@code GETRANGE}, then on a match {@code SETRANGE}, {@code APPEND} and {@code PEXPIRE}, once
     * each.
     */
    static final ReplaceScript APPEND = new ReplaceScript(
            // one byte past the version, so that an empty record (the core's tombstone) never matches
            fence(5)
            + "local head = redis.call('GETRANGE', KEYS[1], 0, 8)\n"
            + "if #head == 9 and string.sub(head, 1, 8) == ARGV[1] then\n"
            + "  redis.call('SETRANGE', KEYS[1], 0, ARGV[2])\n"
            + "  redis.call('APPEND', KEYS[1], ARGV[3])\n"
            + "  redis.call('PEXPIRE', KEYS[1], ARGV[4])\n"
            + "  return 1\n"
            + "end\n"
            + "return 0\n");

    /**
     * KEYS[1] the key; ARGV[1] the 8-byte version the caller holds; ARGV[2] the TTL in ms, or empty
     * to leave the expiry as it is. Returns 1 when the stored value still has that version (and
     * then sets the TTL), 0 when it has another one or the key is missing. Never returns the
     * value: moving a large value through Lua costs the server far more than a {@code GET} (170 µs
     * against 3.4 µs for 100 KB), so the caller reads it with a {@code GET} of its own when it
     * changed. The TTL is set with {@code PEXPIREAT} from the server's {@code TIME} rather than with
     * {@code PEXPIRE}, which is {@code touch}'s command, so that a round-trip counter can tell them apart.
     */
    static final ReplaceScript REVALIDATE = new ReplaceScript(
            "if redis.call('GETRANGE', KEYS[1], 0, 7) ~= ARGV[1] then\n"
            + "  return 0\n"
            + "end\n"
            + "if ARGV[2] ~= '' then\n"
            + "  local now = redis.call('TIME')\n"
            + "  local at = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(ARGV[2])\n"
            + "  redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', at))\n"
            + "end\n"
            + "return 1\n");

    /**
     * The write fence's check, the first lines of every write script: answer {@link #LATE} and
     * write nothing when the server's {@code TIME} is past the deadline in {@code ARGV[argument]}.
     *
     * @param argument the index of the deadline among the script's arguments
     * @return the Lua lines
     */
    static String fence(int argument) {
        return "local now = redis.call('TIME')\n"
                + "if tonumber(now[1]) * 1000 + tonumber(now[2]) / 1000 > tonumber(ARGV[" + argument + "]) then\n"
                + "  return -2\n"
                + "end\n";
    }

    /**
     * The commands that run only inside the scripts, never as a round trip of their own; the last
     * four are those of the principal index's scripts ({@link IndexScripts}), which reach an entry
     * only through a script, on a cluster too.
     */
    static final String[] INNER_COMMANDS = {"getrange", "psetex", "exists", "rename", "unlink", "setrange", "append",
        "time", "pexpireat", "pttl", "zadd", "zrem", "zrange"};

    /**
     * Inner commands that each come with one more command in the same round trip that looks like
     * a round trip of its own: the {@code PEXPIRE} after an {@code APPEND} and after a
     * {@code RENAME}, and the {@code SET} of the staged value pipelined before the staged script
     * (which runs {@code EXISTS} once).
     */
    static final String[] PAIRED_COMMANDS = {"append", "rename", "exists"};

    private final String body;
    private final String sha;

    ReplaceScript(String body) {
        this.body = body;
        this.sha = sha1(body);
    }

    /**
     * The script's Lua source.
     *
     * @return the body
     */
    String body() {
        return body;
    }

    /**
     * The script's SHA-1, as {@code EVALSHA} names it.
     *
     * @return 40 hex digits
     */
    String sha() {
        return sha;
    }

    /**
     * Loads the script into the server's script cache (on every master of a cluster).
     *
     * @param commands the commands
     */
    void load(RedisClusterCommands<byte[], byte[]> commands) {
        commands.scriptLoad(body);
    }

    /**
     * Runs the script with {@code EVALSHA}, and with {@code EVAL} if the server lost it.
     *
     * @param commands the commands
     * @param keys the script's keys
     * @param args the script's arguments
     * @return the script's integer reply
     */
    long run(RedisClusterCommands<byte[], byte[]> commands, byte[][] keys, byte[]... args) {
        Long reply;
        try {
            reply = commands.evalsha(sha, ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException e) {
            reply = eval(commands, keys, args);
        }
        return reply == null ? 0L : reply;
    }

    /**
     * Runs a script that answers an array of strings (the principal index's page) with
     * {@code EVALSHA}, and with {@code EVAL} if the server lost it.
     *
     * @param commands the commands
     * @param keys the script's keys
     * @param args the script's arguments
     * @return the strings the script answered, as UTF-8
     */
    List<String> strings(RedisClusterCommands<byte[], byte[]> commands, byte[][] keys, byte[]... args) {
        List<Object> reply;
        try {
            reply = commands.evalsha(sha, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException e) {
            reply = commands.eval(body, ScriptOutputType.MULTI, keys, args);
        }
        List<String> out = new ArrayList<>(reply == null ? 0 : reply.size());
        if (reply != null) {
            reply.forEach(item -> out.add(new String((byte[]) item, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /**
     * Runs the script with {@code EVAL}, which also caches it on the server again.
     *
     * @param commands the commands
     * @param keys the script's keys
     * @param args the script's arguments
     * @return the script's integer reply
     */
    Long eval(RedisClusterCommands<byte[], byte[]> commands, byte[][] keys, byte[]... args) {
        return commands.eval(body, ScriptOutputType.INTEGER, keys, args);
    }

    /** What a script answered when it ran after its deadline and wrote nothing. */
    static final long LATE = -2L;

    /**
     * Runs the inline conditional replace.
     *
     * @param commands the commands
     * @param key the key
     * @param expectedVersion the version the stored value must still have
     * @param value the new stored value (version prefix included)
     * @param ttlMillis the new TTL
     * @param deadline the latest server time (ms) at which it may run ({@link ServerClock#writeDeadline()})
     * @param index the index change that rides along, applied only when the write wins
     * @return 1 when replaced, 0 on a version mismatch, {@link #LATE} when it ran too late
     */
    static long inline(RedisClusterCommands<byte[], byte[]> commands, byte[] key, long expectedVersion,
            byte[] value, long ttlMillis, long deadline, IndexArgs index) {
        ReplaceScript script = index.isNone() ? INLINE : IndexScripts.INLINE;
        return script.run(commands, index.keys(key), index.args(VersionedValue.prefix(expectedVersion), value,
                millis(ttlMillis), millis(deadline)));
    }

    /**
     * Runs the conditional append.
     *
     * @param commands the commands
     * @param key the key
     * @param expectedVersion the version the stored value must still have
     * @param newVersion the version the value gets when the tail is appended
     * @param tail the bytes to add after the record
     * @param ttlMillis the new TTL
     * @param deadline the latest server time (ms) at which it may run ({@link ServerClock#writeDeadline()})
     * @param index the index change that rides along, applied only when the write wins
     * @return 1 when appended, 0 when not, {@link #LATE} when it ran too late
     */
    static long append(RedisClusterCommands<byte[], byte[]> commands, byte[] key, long expectedVersion,
            long newVersion, byte[] tail, long ttlMillis, long deadline, IndexArgs index) {
        ReplaceScript script = index.isNone() ? APPEND : IndexScripts.APPEND;
        return script.run(commands, index.keys(key), index.args(VersionedValue.prefix(expectedVersion),
                VersionedValue.prefix(newVersion), tail, millis(ttlMillis), millis(deadline)));
    }

    /**
     * Runs the fenced create of {@link IndexScripts#CREATE}, for a write that carries an index
     * change (a create without one is a plain {@code SET NX}).
     *
     * @param commands the commands
     * @param key the key
     * @param value the stored value (version prefix included)
     * @param ttlMillis the TTL
     * @param deadline the latest server time (ms) at which it may run
     * @param index the index change, {@link IndexArgs#NONE} on a cluster (whose entry is written apart)
     * @return 1 when created, 0 when a live record was there, {@link #LATE} when it ran too late
     */
    static long create(RedisClusterCommands<byte[], byte[]> commands, byte[] key, byte[] value, long ttlMillis,
            long deadline, IndexArgs index) {
        byte[] mode = index.isNone() ? new byte[0] : index.mode();
        return IndexScripts.CREATE.run(commands, index.keys(key), value, millis(ttlMillis), millis(deadline), mode);
    }

    /**
     * Runs the revalidating script.
     *
     * @param commands the commands
     * @param key the key
     * @param version the version the caller holds
     * @param ttlMillis the new TTL, or a negative number to leave the expiry
     * @return whether the stored value still has {@code version}
     */
    static boolean revalidate(RedisClusterCommands<byte[], byte[]> commands, byte[] key, long version, long ttlMillis) {
        byte[] ttl = ttlMillis < 0 ? new byte[0] : millis(ttlMillis);
        return REVALIDATE.run(commands, new byte[][] {key}, VersionedValue.prefix(version), ttl) == 1L;
    }

    static byte[] millis(long ttlMillis) {
        return Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-1", e);
        }
    }
}
