package io.github.session4j.redis;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Lua scripts of the principal index ({@link PrincipalEntries}: one sorted set per principal,
 * every member a session's key with score 0, so that {@code ZRANGE … BYLEX} pages through it in
 * ascending order of the keys).
 *
 * <p>The writes that change the index are the write scripts of {@link ReplaceScript} with the
 * index change appended ({@link #indexed}): it runs only when the write won, in the same script,
 * so a write and its index change are one atomic round trip. {@link #CREATE} is the create of a
 * sign-in, fenced like the other writes. The other scripts serve {@code PrincipalIndex}: a page
 * that drops members whose record is gone while it reads ({@link #PAGE}), taking members out
 * ({@link #UNINDEX}), deleting a record with its member ({@link #DELETE_INDEXED}), and adding one
 * member ({@link #ADD}) or handing a member's place over to another ({@link #HAND_OVER}), the extra
 * command of a Redis Cluster, whose record and entry live in different slots.
 *
 * <p>Pruning reads a member's record with {@code PTTL} ({@code -2}: gone), a key the script was not
 * given in {@code KEYS}: standalone Redis (and a Sentinel-managed master) allows that, a cluster
 * does not, so on a cluster nothing is pruned by the backend and the core's repair
 * ({@code unindex} of the keys it found gone) does it instead. The entry commands ({@code ZADD},
 * {@code ZREM}, {@code ZRANGE}, {@code PTTL}) run only inside these scripts
 * ({@link ReplaceScript#INNER_COMMANDS}).
 */
final class IndexScripts {

    /** The most members one page may drop as gone; past it, members are returned unchecked. */
    static final int PRUNE_BUDGET = 1000;

    /** How many members after a newly added key a sign-in checks (and drops when gone), standalone only. */
    static final int NEIGHBOURS_CHECKED = 2;

    /**
     * KEYS[1] the key; ARGV[1] the new value (version prefix included); ARGV[2] the TTL in ms;
     * ARGV[3] the deadline (server {@code TIME} in ms); then the index change ({@link IndexArgs}).
     * Returns 1 when created, 0 when a live record is already there, {@link ReplaceScript#LATE}
     * when it runs after its deadline (nothing written). {@code PTTL} answers -2 exactly when the
     * key does not exist, as {@code SET NX} sees it.
     */
    static final ReplaceScript CREATE = indexed(ReplaceScript.fence(3)
            + "if redis.call('PTTL', KEYS[1]) ~= -2 then\n"
            + "  return 0\n"
            + "end\n"
            + "redis.call('PSETEX', KEYS[1], ARGV[2], ARGV[1])\n"
            + "return 1\n", 1);

    /** {@link ReplaceScript#INLINE} followed by the index change. */
    static final ReplaceScript INLINE = indexed(ReplaceScript.INLINE.body(), 1);

    /** {@link ReplaceScript#STAGED} followed by the index change (after its two keys). */
    static final ReplaceScript STAGED = indexed(ReplaceScript.STAGED.body(), 2);

    /** {@link ReplaceScript#APPEND} followed by the index change. */
    static final ReplaceScript APPEND = indexed(ReplaceScript.APPEND.body(), 1);

    /**
     * KEYS[1] the entry; ARGV[1] the lower bound ({@code -}, or {@code (} and the previous page's
     * last key); ARGV[2] the page size; ARGV[3] how many gone members it may drop (0 on a
     * cluster: none is checked). Returns up to ARGV[2] members in ascending order; members whose
     * record is gone are dropped from the entry and replaced by the next ones, so a page is short
     * only at the end of the entry. Once the budget is spent, members are returned unchecked (the
     * contract lets a page hold keys whose records are gone; the core checks each).
     */
    static final ReplaceScript PAGE = new ReplaceScript(
            "local out = {}\n"
            + "local min = ARGV[1]\n"
            + "local limit = tonumber(ARGV[2])\n"
            + "local budget = tonumber(ARGV[3])\n"
            + "while #out < limit do\n"
            + "  local want = limit - #out\n"
            + "  local batch = redis.call('ZRANGE', KEYS[1], min, '+', 'BYLEX', 'LIMIT', 0, want)\n"
            + "  for _, m in ipairs(batch) do\n"
            + "    if budget > 0 and redis.call('PTTL', m) == -2 then\n"
            + "      redis.call('ZREM', KEYS[1], m)\n"
            + "      budget = budget - 1\n"
            + "    else\n"
            + "      out[#out + 1] = m\n"
            + "    end\n"
            + "  end\n"
            + "  if #batch < want then\n"
            + "    break\n"
            + "  end\n"
            + "  min = '(' .. batch[#batch]\n"
            + "end\n"
            + "return out\n");

    /** KEYS[1] the entry; ARGV the members to take out (any number). Returns how many were in it. */
    static final ReplaceScript UNINDEX = new ReplaceScript(
            "local removed = 0\n"
            + "for i = 1, #ARGV, 1000 do\n"
            + "  removed = removed + redis.call('ZREM', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))\n"
            + "end\n"
            + "return removed\n");

    /** KEYS[1] the record; KEYS[2] the entry. Deletes the record and takes its key out of the entry; returns 1. */
    static final ReplaceScript DELETE_INDEXED = new ReplaceScript(
            "redis.call('UNLINK', KEYS[1])\n"
            + "redis.call('ZREM', KEYS[2], KEYS[1])\n"
            + "return 1\n");

    /** KEYS[1] the entry; ARGV[1] the member. Adds it (a cluster's extra command); returns 1 when it was not there. */
    static final ReplaceScript ADD = new ReplaceScript("return redis.call('ZADD', KEYS[1], 0, ARGV[1])\n");

    /**
     * KEYS[1] the entry; ARGV[1] the old member; ARGV[2] the new one. Takes the old member out and
     * adds the new one (a cluster's hand-over after a regenerated session's tombstone won); returns 1.
     */
    static final ReplaceScript HAND_OVER = new ReplaceScript(
            "redis.call('ZREM', KEYS[1], ARGV[1])\n"
            + "redis.call('ZADD', KEYS[1], 0, ARGV[2])\n"
            + "return 1\n");

    /** Every script of the index, as start-up loads them. */
    static final List<ReplaceScript> ALL = List.of(CREATE, INLINE, STAGED, APPEND, PAGE, UNINDEX, DELETE_INDEXED, ADD,
            HAND_OVER);

    private IndexScripts() {
    }

    /**
     * A write script followed by the index change of {@link IndexArgs}, applied only when the
     * write answered 1. A sign-in (a mode with {@code a}) also checks the
     * {@value #NEIGHBOURS_CHECKED} members after the new key (wrapping round to the first) and
     * drops those whose record is gone, so that an entry that is never listed stays near the size
     * of its live sessions: sessions that expire are dropped about as fast as sign-ins add new ones.
     *
     * @param write the write script's body
     * @param writeKeys how many keys the write takes before the entries
     * @return the indexed script
     */
    static ReplaceScript indexed(String write, int writeKeys) {
        return new ReplaceScript("local written = (function()\n"
                + write
                + "end)()\n"
                + "if written ~= 1 then\n"
                + "  return written\n"
                + "end\n"
                + "local entry = " + (writeKeys + 1) + "\n"
                + "local mode = ARGV[#ARGV]\n"
                + "if string.find(mode, 'r', 1, true) then\n"
                + "  redis.call('ZREM', KEYS[entry], KEYS[1])\n"
                + "  entry = entry + 1\n"
                + "end\n"
                + "if string.find(mode, 'a', 1, true) then\n"
                + "  redis.call('ZADD', KEYS[entry], 0, KEYS[1])\n"
                + "  local near = redis.call('ZRANGE', KEYS[entry], '(' .. KEYS[1], '+', 'BYLEX', 'LIMIT', 0, "
                + NEIGHBOURS_CHECKED + ")\n"
                + "  if #near < " + NEIGHBOURS_CHECKED + " then\n"
                + "    local first = redis.call('ZRANGE', KEYS[entry], '-', '(' .. KEYS[1], 'BYLEX', 'LIMIT', 0, "
                + NEIGHBOURS_CHECKED + " - #near)\n"
                + "    for _, m in ipairs(first) do\n"
                + "      near[#near + 1] = m\n"
                + "    end\n"
                + "  end\n"
                + "  for _, m in ipairs(near) do\n"
                + "    if redis.call('PTTL', m) == -2 then\n"
                + "      redis.call('ZREM', KEYS[entry], m)\n"
                + "    end\n"
                + "  end\n"
                + "end\n"
                + "return 1\n");
    }

    /**
     * Runs a page of {@link #PAGE}.
     *
     * @param commands the commands
     * @param entry the entry's key
     * @param after the previous page's last key, or null
     * @param limit the page size
     * @param budget how many gone members it may drop (0: none checked)
     * @return the page
     */
    static List<String> page(RedisClusterCommands<byte[], byte[]> commands, byte[] entry, String after, int limit, int budget) {
        byte[] min = after == null ? new byte[] {'-'} : ("(" + after).getBytes(StandardCharsets.UTF_8);
        return PAGE.strings(commands, new byte[][] {entry}, min, digits(limit), digits(budget));
    }

    private static byte[] digits(int number) {
        return Integer.toString(number).getBytes(StandardCharsets.US_ASCII);
    }
}
