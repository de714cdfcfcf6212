package io.github.session4j.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The conditional replace, run on the server as one Lua script so that the version check and the
 * write are atomic and cost one round trip.
 *
 * <p>The script is loaded once at start-up ({@code SCRIPT LOAD}, on every master of a cluster) and
 * then called by its SHA-1 ({@code EVALSHA}). A server that has lost its script cache (a restart,
 * a failover to a replica, {@code SCRIPT FLUSH}) answers {@code NOSCRIPT}; the call is then
 * repeated once with {@code EVAL}, which also caches the script there again.
 *
 * <p>The script uses {@code GETRANGE} and {@code PSETEX}, which the backend never sends on their
 * own: a server's {@code INFO commandstats} also counts the commands a script runs, and this
 * choice lets a round-trip counter tell them apart from the client's own commands.
 */
final class ReplaceScript {

    /** KEYS[1] the key; ARGV[1] the expected 8-byte version; ARGV[2] the new value; ARGV[3] the TTL in ms. */
    static final String BODY = "if redis.call('GETRANGE', KEYS[1], 0, 7) == ARGV[1] then\n"
            + "  redis.call('PSETEX', KEYS[1], ARGV[3], ARGV[2])\n"
            + "  return 1\n"
            + "end\n"
            + "return 0\n";

    /** The commands that run only inside this script, never as a round trip of their own. */
    static final String[] INNER_COMMANDS = {"getrange", "psetex"};

    private static final String SHA = sha1(BODY);

    private ReplaceScript() {
    }

    /**
     * Loads the script into the server's script cache (on every master of a cluster).
     *
     * @param commands the commands
     */
    static void load(RedisClusterCommands<byte[], byte[]> commands) {
        commands.scriptLoad(BODY);
    }

    /**
     * Runs the conditional replace.
     *
     * @param commands the commands
     * @param key the key
     * @param expectedVersion the version the stored value must still have
     * @param value the new stored value (version prefix included)
     * @param ttlMillis the new TTL
     * @return whether the value was replaced
     */
    static boolean run(RedisClusterCommands<byte[], byte[]> commands, byte[] key, long expectedVersion,
            byte[] value, long ttlMillis) {
        byte[][] keys = {key};
        byte[][] args = {VersionedValue.prefix(expectedVersion), value,
            Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII)};
        Long replaced;
        try {
            replaced = commands.evalsha(SHA, ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException e) {
            replaced = commands.eval(BODY, ScriptOutputType.INTEGER, keys, args);
        }
        return replaced != null && replaced == 1L;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must support SHA-1", e);
        }
    }
}
