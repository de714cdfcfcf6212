package io.github.session4j.redis;

import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.FlaskRecordStore;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The Redis backend under {@code SESSION_RECORD_FORMAT=flask-session}: the value under the key is
 * exactly Flask-Session 0.8's ({@code SET key value EX seconds}), with nothing beside it.
 *
 * <p>The version of a record is {@link FlaskRecordStore#versionOf} of its bytes. A load is one
 * {@code EVALSHA} ({@code GET} and {@code PTTL}, see {@link #load}); a create one {@code SET NX EX}; a
 * replace one {@code EVALSHA} of a Lua script that compares {@code redis.sha1hex} of the stored
 * value with the expected version and only then {@code SET}s the new value (or, for the core's empty
 * tombstone, deletes the key: Flask-Session reads no empty value). A Flask app's write is a plain
 * overwrite, as in Flask-Session; Java instances never lose each other's updates. The store key
 * holds the raw session ID, so no message of this class names a key.
 */
final class FlaskRedisSessionInterface implements SessionInterface, FlaskRecordStore {

    /** KEYS[1] the key; ARGV[1] the expected version (16 hex digits); ARGV[2] the new value, empty to delete; ARGV[3] the TTL in s. */
    static final String REPLACE = "local v = redis.call('GET', KEYS[1])\n"
            + "if v and string.sub(redis.sha1hex(v), 1, 16) == ARGV[1] then\n"
            + "  if ARGV[2] == '' then\n"
            + "    redis.call('DEL', KEYS[1])\n"
            + "  else\n"
            + "    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])\n"
            + "  end\n"
            + "  return 1\n"
            + "end\n"
            + "return 0\n";

    /** KEYS[1] the key. The value and its PTTL, or nil: one round trip that leaves the expiry alone. */
    static final String LOAD = "local v = redis.call('GET', KEYS[1])\n"
            + "if not v then return nil end\n"
            + "return {v, redis.call('PTTL', KEYS[1])}\n";

    private final RedisLink link;
    private final RedisClusterCommands<byte[], byte[]> commands;
    private final RedisSettings settings;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Clock clock;
    private volatile String replaceSha;
    private volatile String loadSha;

    FlaskRedisSessionInterface(RedisLink link, RedisSettings settings, Clock clock) {
        this.link = link;
        this.clock = clock;
        this.commands = link.commands();
        this.settings = settings;
    }

    /** Loads the replace script into the server's script cache. */
    void loadScript() {
        replaceSha = call("SCRIPT LOAD of the flask-session replace script",
                () -> commands.scriptLoad(REPLACE.getBytes(StandardCharsets.UTF_8)));
        loadSha = call("SCRIPT LOAD of the flask-session load script",
                () -> commands.scriptLoad(LOAD.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * One {@code EVALSHA} that reads the value and its remaining TTL ({@code GET}, {@code PTTL}),
     * leaving the expiry as it is: a record that turns out unreadable (a pickle, another format) is
     * left exactly as it was. The core refreshes the expiry with {@link #touch} when one is due.
     */
    @Override
    public Optional<StoredRecord> load(String key) {
        byte[][] keys = {bytes(key)};
        List<Object> reply = call("EVALSHA (flask-session load)", () -> {
            try {
                return commands.evalsha(loadSha, ScriptOutputType.MULTI, keys);
            } catch (RedisNoScriptException e) {
                return commands.eval(LOAD.getBytes(StandardCharsets.UTF_8), ScriptOutputType.MULTI, keys);
            }
        });
        if (reply == null || reply.size() < 2) {
            return Optional.empty();
        }
        byte[] value = (byte[]) reply.get(0);
        long pttl = (Long) reply.get(1);
        Instant expiresAt = pttl >= 0 ? clock.instant().plusMillis(pttl) : null;
        return Optional.of(new StoredRecord(value, FlaskRecordStore.versionOf(value), expiresAt));
    }

    @Override
    public WriteResult write(RecordWrite write) {
        RecordWrite.requireNoIndexChange(write, "redis");
        return write.match(create -> {
            long seconds = seconds(create.ttl());
            String reply = call("SET NX EX", () -> commands.set(bytes(create.key()), create.record(),
                    SetArgs.Builder.nx().ex(seconds)));
            return WriteResult.of("OK".equals(reply), FlaskRecordStore.versionOf(create.record()));
        }, replace -> {
            long seconds = seconds(replace.ttl());
            byte[][] keys = {bytes(replace.key())};
            byte[][] args = {FlaskRecordStore.hex(replace.expectedVersion()).getBytes(StandardCharsets.US_ASCII),
                replace.record(), Long.toString(seconds).getBytes(StandardCharsets.US_ASCII)};
            Long done = call("EVALSHA (flask-session replace)", () -> evalReplace(keys, args));
            return WriteResult.of(done != null && done == 1L, FlaskRecordStore.versionOf(replace.record()));
        }, append -> {
            throw append.unsupported("redis (SESSION_RECORD_FORMAT=flask-session)");
        });
    }

    private Long evalReplace(byte[][] keys, byte[][] args) {
        try {
            return commands.evalsha(replaceSha, ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException e) {
            return commands.eval(REPLACE.getBytes(StandardCharsets.UTF_8), ScriptOutputType.INTEGER, keys, args);
        }
    }

    @Override
    public void delete(String key) {
        call("DEL", () -> commands.del(bytes(key)));
    }

    @Override
    public void touch(String key, Duration ttl) {
        long seconds = seconds(ttl);
        call("EXPIRE", () -> commands.expire(bytes(key), seconds));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            link.close();
        }
    }

    /** Whole seconds, as Flask-Session's {@code EX}; a part of a second counts as one. */
    private static long seconds(Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("a TTL must be positive, was " + ttl);
        }
        return Math.max(1, ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0));
    }

    private <T> T call(String what, Supplier<T> action) {
        if (closed.get()) {
            throw new SessionBackendException("Redis " + what + " refused: this backend was closed");
        }
        try {
            return action.get();
        } catch (RedisException e) {
            throw new SessionBackendException("Redis " + what + " of a flask-session record failed on " + settings.target()
                    + ": " + RedisConnector.describe(e) + ". Check that Redis is up and reachable", e);
        }
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FlaskRedisSessionInterface[" + settings.target() + "]";
    }
}
