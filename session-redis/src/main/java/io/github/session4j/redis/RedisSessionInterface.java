package io.github.session4j.redis;

import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.Revalidation;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.KeyStreamingChannel;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Sessions in Redis: one string key per session, the value an 8-byte version followed by the
 * record ({@link VersionedValue}), the expiry the key's own TTL, so Redis removes expired
 * sessions by itself and {@link StoredRecord#expiresAt()} is always null.
 *
 * <p>Every operation is one round trip on one key (or one cluster slot), so it works unchanged on a
 * Redis Cluster:
 * <ul>
 *   <li>{@link #load}: {@code GET};</li>
 *   <li>{@link #loadAndTouch}: {@code GETEX key PX ttl} (Redis 6.2 or newer);</li>
 *   <li>{@link #write} of a {@link RecordWrite.Create}: {@code SET key value NX PX ttl};</li>
 *   <li>{@link #write} of a {@link RecordWrite.Replace}: {@code EVALSHA} of {@link ReplaceScript} (compare the version, then set with
 *     the TTL, atomically); from 8 KB on, a {@code SET} of a staged key pipelined with an
 *     {@code EVALSHA} that renames it over the key ({@link StagedReplace}), because Redis copies a
 *     script's arguments slowly;</li>
 *   <li>{@link #write} of a {@link RecordWrite.Append}: {@code EVALSHA} of {@link ReplaceScript#APPEND} (compare the version, then
 *     write a new version over it in place, append the tail and set the TTL, atomically), which
 *     sends only the tail, never the record;</li>
 *   <li>{@link #revalidate}: {@code EVALSHA} of {@link ReplaceScript#REVALIDATE} (compare the
 *     version and, when it matches, set the TTL; the value is not returned), then on a mismatch a
 *     second round trip, {@code GETEX} or {@code GET}, to read the value;</li>
 *   <li>{@link #delete}: {@code DEL};</li>
 *   <li>{@link #touch}: {@code PEXPIRE}.</li>
 * </ul>
 *
 * <p>The principal index ({@link PrincipalIndex}) keeps one sorted set per principal
 * ({@link PrincipalEntries}). A write that changes it runs the write's script with the index
 * change appended ({@link IndexScripts}): one round trip, the entry changed only when the write
 * won; a create that changes it is a fenced script too, not a {@code SET NX}. On a cluster the
 * entry lives in another slot than the record, and the change is one more command
 * ({@link ClusterIndexWrite}).
 *
 * <p>Failures (Redis unreachable, a timeout, an error reply) are thrown as
 * {@link SessionBackendException}, within the command timeout. Thread-safe: one multiplexed
 * connection serves every thread.
 */
public final class RedisSessionInterface
        implements SessionInterface, SessionCounter, RecordAppender, RecordRevalidator, PrincipalIndex {

    private static final int SCAN_BATCH = 1000;

    private final RedisLink link;
    private final RedisClusterCommands<byte[], byte[]> commands;
    private final RedisSettings settings;
    private final StagedReplace staged;
    private final ServerClock clock;
    private final String keyPrefix;
    private final PrincipalEntries entries;
    private final ClusterIndexWrite clusterIndex;
    private final AtomicBoolean closed = new AtomicBoolean();

    RedisSessionInterface(RedisLink link, RedisSettings settings, String keyPrefix) {
        this.link = link;
        this.commands = link.commands();
        this.settings = settings;
        this.staged = new StagedReplace(link, settings.cluster(), settings.commandTimeout());
        this.clock = new ServerClock(link.async(), settings.commandTimeout());
        this.keyPrefix = keyPrefix;
        this.entries = new PrincipalEntries(keyPrefix);
        this.clusterIndex = new ClusterIndexWrite(commands, entries, this::call);
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        return Optional.ofNullable(call("GET of key " + key,
                () -> commands.dispatch(CommandType.GET, new VersionedOutput(), args(key))));
    }

    @Override
    public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        long ttlMillis = Durations.ttlMillis(ttl);
        CommandArgs<byte[], byte[]> args = args(key);
        GetExArgs.Builder.px(ttlMillis).build(args);
        return Optional.ofNullable(call("GETEX of key " + key,
                () -> commands.dispatch(CommandType.GETEX, new VersionedOutput(), args)));
    }

    /**
     * Yes: {@code GETEX} reads and refreshes the TTL in one command.
     *
     * @return {@code true}
     */
    @Override
    public boolean refreshesInLoad() {
        return true;
    }

    /**
     * One round trip for each kind of write (see the class comment); every write draws a random
     * version ({@link VersionedValue#newVersion()}) and reports it. A write with an index change
     * applies it in the same script, only when the write wins (standalone), or in one more command
     * in the entry's slot (a cluster, {@link ClusterIndexWrite}).
     *
     * @throws IllegalArgumentException if the TTL is not positive or a principal key is not the
     *     core's base64url hash, before any command
     * @throws SessionBackendException when Redis cannot be reached, times out or answers an error
     */
    @Override
    public WriteResult write(RecordWrite write) {
        IndexChange change = write.index();
        if (change.isNone() || !settings.cluster()) {
            return writeRecord(write, IndexArgs.of(change, entries));
        }
        Durations.ttlMillis(write.ttl()); // refuse a bad TTL before the entry's command, too
        return clusterIndex.write(write, () -> writeRecord(write, IndexArgs.NONE));
    }

    private WriteResult writeRecord(RecordWrite write, IndexArgs index) {
        boolean scriptedCreate = !write.index().isNone();
        return write.match(create -> createRecord(create.key(), create.record(), create.ttl(), scriptedCreate, index),
                replace -> replaceRecord(replace.key(), replace.record(), replace.expectedVersion(), replace.ttl(), index),
                append -> appendRecord(append.key(), append.tail(), append.expectedVersion(), append.ttl(), index));
    }

    /**
     * A plain {@code SET NX}, or, for a write with an index change (a sign-in), the fenced script
     * of {@link IndexScripts#CREATE}, which also changes the entry on a standalone server.
     */
    private WriteResult createRecord(String key, byte[] record, Duration ttl, boolean scripted, IndexArgs index) {
        long ttlMillis = Durations.ttlMillis(ttl);
        long newVersion = VersionedValue.newVersion();
        byte[] value = VersionedValue.encode(newVersion, record);
        if (scripted) {
            long deadline = clock.writeDeadline();
            String what = "EVALSHA (create) of key " + key;
            long reply = call(what, () -> ReplaceScript.create(commands, bytes(key), value, ttlMillis, deadline, index));
            return WriteResult.of(fenced(what, reply), newVersion);
        }
        String reply = call("SET NX of key " + key, () -> commands.set(bytes(key), value, SetArgs.Builder.nx().px(ttlMillis)));
        return WriteResult.of("OK".equals(reply), newVersion);
    }

    private WriteResult replaceRecord(String key, byte[] record, long expectedVersion, Duration ttl, IndexArgs index) {
        long ttlMillis = Durations.ttlMillis(ttl);
        long newVersion = VersionedValue.newVersion();
        byte[] value = VersionedValue.encode(newVersion, record);
        byte[] keyBytes = bytes(key);
        byte[] stagedKey = StagedReplace.worthStaging(record.length)
                ? StagedReplace.stagedKey(keyBytes, newVersion, settings.cluster()) : null;
        long deadline = clock.writeDeadline();
        String what = stagedKey == null ? "EVALSHA (replace) of key " + key
                : "SET of a staged value and EVALSHA (replace) of key " + key;
        long reply = stagedKey == null
                ? call(what, () -> ReplaceScript.inline(commands, keyBytes, expectedVersion, value, ttlMillis, deadline, index))
                : call(what, () -> staged.run(keyBytes, stagedKey, expectedVersion, value, ttlMillis, deadline, index));
        return WriteResult.of(fenced(what, reply), newVersion);
    }

    /**
     * Appends {@code tail} to the stored value in one {@code EVALSHA} of
     * {@link ReplaceScript#APPEND}: the record stays where it is on the server, only the tail is
     * sent. The tail is a script argument, which Redis copies (about 1.3 µs per KB), so this suits
     * the small delta frames the core appends. An empty record (the core's tombstone) is never
     * appended to, whatever its version: that, a missing key or another version is a lost race.
     */
    private WriteResult appendRecord(String key, byte[] tail, long expectedVersion, Duration ttl, IndexArgs index) {
        long ttlMillis = Durations.ttlMillis(ttl);
        long newVersion = VersionedValue.newVersion();
        byte[] keyBytes = bytes(key);
        long deadline = clock.writeDeadline();
        String what = "EVALSHA (append) of key " + key;
        long reply = call(what,
                () -> ReplaceScript.append(commands, keyBytes, expectedVersion, newVersion, tail, ttlMillis, deadline, index));
        return WriteResult.of(fenced(what, reply), newVersion);
    }

    /**
     * A script's answer as "written or not", or the failure of a write that reached the server
     * after its deadline: the script wrote nothing, and the caller is told so in the rare case
     * that its answer still arrives in time (a clock offset measured badly).
     */
    private boolean fenced(String what, long reply) {
        if (reply == ReplaceScript.LATE) {
            throw new SessionBackendException("Redis " + what + " on " + settings.target()
                    + " ran after its deadline (the server's TIME past the command timeout less "
                    + Durations.format(clock.margin()) + "): nothing was written. Check the server's load"
                    + " and " + RedisSettings.COMMAND_TIMEOUT.key());
        }
        return reply == 1L;
    }

    /**
     * One {@code EVALSHA} that carries no value: it compares the stored version with the caller's
     * and, when they match and a TTL is given, sets the expiry. When the value changed, a
     * {@code GETEX} (or {@code GET} without a TTL) reads it in a second round trip.
     */
    @Override
    public Revalidation revalidate(String key, long version, Duration ttl) {
        long ttlMillis = ttl == null ? -1 : Durations.ttlMillis(ttl);
        byte[] keyBytes = bytes(key);
        boolean unchanged = call("EVALSHA (revalidate) of key " + key,
                () -> ReplaceScript.revalidate(commands, keyBytes, version, ttlMillis));
        if (unchanged) {
            return Revalidation.unchanged(null);
        }
        return Revalidation.changed(ttl == null ? load(key) : loadAndTouch(key, ttl));
    }

    @Override
    public void delete(String key) {
        call("DEL of key " + key, () -> commands.del(bytes(key)));
    }

    @Override
    public void touch(String key, Duration ttl) {
        long ttlMillis = Durations.ttlMillis(ttl);
        call("PEXPIRE of key " + key, () -> commands.pexpire(bytes(key), ttlMillis));
    }

    /**
     * Counts the live sessions under the configured key prefix with {@code SCAN MATCH prefix*}
     * (on every master of a cluster). This walks the whole keyspace, O(N) in the number of keys
     * in the database, in batches of 1000 keys per round trip: meant for admin tools, not for
     * every request. Keys that expire during the walk may or may not be counted; staged values of
     * saves in flight ({@link StagedReplace}) and the principal index's entries
     * ({@link PrincipalEntries}) are not.
     *
     * @return the number of live sessions
     * @throws SessionBackendException when Redis cannot be reached
     */
    @Override
    public long countLive() {
        ScanArgs args = ScanArgs.Builder.matches(bytes(globEscape(keyPrefix) + "*")).limit(SCAN_BATCH);
        int prefixLength = bytes(keyPrefix).length;
        return call("SCAN MATCH " + keyPrefix + "*", () -> {
            long[] count = {0};
            KeyStreamingChannel<byte[]> sessions = k -> {
                if (!StagedReplace.isStaged(k) && !PrincipalEntries.isEntry(k, prefixLength)) {
                    count[0]++;
                }
            };
            StreamScanCursor cursor = commands.scan(sessions, ScanCursor.INITIAL, args);
            while (!cursor.isFinished()) {
                cursor = commands.scan(sessions, cursor, args);
            }
            return count[0];
        });
    }

    /**
     * This backend's capabilities, and {@link RecordScanner} ({@link RedisRecordScanner}: SCAN,
     * per master on a cluster).
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == RecordScanner.class) {
            return Optional.of(type.cast(new RedisRecordScanner(link, settings, keyPrefix)));
        }
        return SessionInterface.super.capability(type);
    }

    /**
     * One {@code EVALSHA} of {@link IndexScripts#PAGE}: {@code ZRANGE entry (after + BYLEX LIMIT 0
     * limit}. On a standalone server the script also drops members whose record is gone
     * ({@code PTTL} -2), up to {@value IndexScripts#PRUNE_BUDGET} a page, and reads on, so that a
     * page is short only at the end of the entry. On a cluster the records live in other slots,
     * which a script cannot read: the page is returned unchecked and the core's repair
     * ({@link #unindex}) drops what it finds gone.
     *
     * @throws IllegalArgumentException if {@code limit} is not 1 to {@value PrincipalIndex#MAX_PAGE_SIZE}
     *     or the principal key is not the core's base64url hash, before any command
     */
    @Override
    public List<String> indexedKeys(String principalKey, String after, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("a page of the principal index holds 1 to " + MAX_PAGE_SIZE
                    + " keys, but " + limit + " were asked for");
        }
        byte[] entry = entries.entryKeyBytes(principalKey);
        int budget = settings.cluster() ? 0 : IndexScripts.PRUNE_BUDGET;
        return call("EVALSHA (principal index page)", () -> IndexScripts.page(commands, entry, after, limit, budget));
    }

    /**
     * One {@code EVALSHA} of {@link IndexScripts#UNINDEX} ({@code ZREM} of every key, any number
     * of them); none for no keys. Redis drops an entry left empty by itself.
     *
     * @throws IllegalArgumentException if the principal key is not the core's base64url hash
     */
    @Override
    public void unindex(String principalKey, Collection<String> keys) {
        byte[] entry = entries.entryKeyBytes(principalKey);
        if (keys.isEmpty()) {
            return;
        }
        byte[][] members = keys.stream().map(RedisSessionInterface::bytes).toArray(byte[][]::new);
        call("EVALSHA (principal index: remove " + keys.size() + " keys)",
                () -> IndexScripts.UNINDEX.run(commands, new byte[][] {entry}, members));
    }

    /**
     * Standalone: one {@code EVALSHA} of {@link IndexScripts#DELETE_INDEXED} ({@code UNLINK} the
     * record, {@code ZREM} its key), atomic. Cluster: {@code DEL} of the record, then the
     * {@code ZREM} in the entry's slot, in this order, so that a failure between the two leaves a
     * member whose record is gone (dropped on the next read), never a live record that the index
     * no longer lists.
     *
     * @throws IllegalArgumentException if the principal key is not the core's base64url hash
     */
    @Override
    public void deleteIndexed(String key, String principalKey) {
        byte[][] both = {bytes(key), entries.entryKeyBytes(principalKey)};
        if (!settings.cluster()) {
            call("EVALSHA (delete and unindex) of key " + key, () -> IndexScripts.DELETE_INDEXED.run(commands, both));
            return;
        }
        delete(key);
        call("EVALSHA (principal index: remove key " + key + " after its DEL)",
                () -> IndexScripts.UNINDEX.run(commands, new byte[][] {both[1]}, both[0]));
    }

    /**
     * Loads the replace and append scripts into the server's cache (every master of a cluster), so
     * that the first replace or append is already one {@code EVALSHA}.
     *
     * @throws SessionBackendException when Redis refuses or cannot be reached
     */
    void loadScript() {
        try {
            clock.start();
        } catch (IllegalStateException e) {
            throw new SessionBackendException("Redis TIME (measuring the server's clock for the write deadline) failed on "
                    + settings.target() + ": " + e.getMessage(), e);
        }
        call("SCRIPT LOAD of the replace, append, revalidate and principal index scripts", () -> {
            ReplaceScript.INLINE.load(commands);
            ReplaceScript.STAGED.load(commands);
            ReplaceScript.APPEND.load(commands);
            ReplaceScript.REVALIDATE.load(commands);
            IndexScripts.ALL.forEach(script -> script.load(commands));
            return null;
        });
    }

    /**
     * Closes the connection and the client's threads. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            clock.close();
            link.close();
        }
    }

    private <T> T call(String what, Supplier<T> action) {
        if (closed.get()) {
            throw new SessionBackendException("Redis " + what + " refused: this backend was closed;"
                    + " create a new one (or a new SessionManager) to use Redis again");
        }
        try {
            return action.get();
        } catch (RedisException e) {
            throw new SessionBackendException("Redis " + what + " failed on "
                    + settings.target() + ": " + RedisConnector.describe(e)
                    + ". Check that Redis is up and reachable; commands fail after "
                    + Durations.format(settings.commandTimeout()) + " (" + RedisSettings.COMMAND_TIMEOUT
                    + ") and the client reconnects by itself", e);
        }
    }

    /** The arguments of a command on one key (the key is marked as such, for cluster routing). */
    private static CommandArgs<byte[], byte[]> args(String key) {
        return new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(bytes(key));
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** Escapes the glob characters of SCAN MATCH, so that a prefix matches only itself. */
    static String globEscape(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
