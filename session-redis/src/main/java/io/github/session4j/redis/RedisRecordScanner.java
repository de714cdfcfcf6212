package io.github.session4j.redis;

import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.RecordScanner;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link RecordScanner} of the Redis backend: {@code SCAN cursor MATCH prefix* COUNT limit},
 * then one pipelined {@code GET} and {@code PTTL} per session key found (one round trip for the
 * page). Keys that are not {@code prefix} + 43 base64url characters (staged values, principal
 * index entries) are skipped; so are keys that expired between the {@code SCAN} and the {@code GET}.
 *
 * <p>The cursor is Redis' own {@code SCAN} cursor on a standalone server (or a Sentinel's master).
 * On a cluster each master is scanned in turn, in the order of their node IDs, and the cursor is
 * {@code nodeId:scanCursor}; a walk survives a restart of the caller, not a resharding of the cluster
 * (start again: a copy is idempotent).
 */
final class RedisRecordScanner implements RecordScanner {

    private final RedisLink link;
    private final RedisSettings settings;
    private final String keyPrefix;

    RedisRecordScanner(RedisLink link, RedisSettings settings, String keyPrefix) {
        this.link = link;
        this.settings = settings;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Page scan(String cursor, int limit) {
        RecordScanner.checkLimit(limit);
        try {
            return settings.cluster() ? scanCluster(cursor, limit) : scanOne(link.commands(), cursor, limit, null);
        } catch (RedisException e) {
            throw new SessionBackendException("Redis SCAN MATCH " + keyPrefix + "* failed on " + settings.target() + ": "
                    + RedisConnector.describe(e) + ". Check that Redis is up and reachable", e);
        }
    }

    /** One SCAN step on one server; {@code node} is the cluster node's ID, null when standalone. */
    private Page scanOne(RedisClusterCommands<byte[], byte[]> commands, String cursor, int limit, String node) {
        ScanArgs args = ScanArgs.Builder.matches(bytes(RedisSessionInterface.globEscape(keyPrefix) + "*")).limit(limit);
        KeyScanCursor<byte[]> step = commands.scan(cursor == null ? ScanCursor.INITIAL : ScanCursor.of(checked(cursor)), args);
        List<Scanned> records = fetch(step.getKeys());
        String next = step.isFinished() ? null : node == null ? step.getCursor() : node + ":" + step.getCursor();
        return new Page(records, next);
    }

    @SuppressWarnings("unchecked")
    private Page scanCluster(String cursor, int limit) {
        StatefulRedisClusterConnection<byte[], byte[]> cluster = (StatefulRedisClusterConnection<byte[], byte[]>) link.connection();
        List<String> masters = new ArrayList<>();
        for (RedisClusterNode node : cluster.getPartitions()) {
            if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                masters.add(node.getNodeId());
            }
        }
        masters.sort(null);
        String node;
        String nodeCursor;
        if (cursor == null) {
            node = masters.isEmpty() ? null : masters.get(0);
            nodeCursor = null;
        } else {
            int colon = cursor.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("not a cursor of a Redis Cluster scan (nodeId:cursor)");
            }
            node = cursor.substring(0, colon);
            nodeCursor = cursor.substring(colon + 1);
        }
        if (node == null) {
            return new Page(List.of(), null);
        }
        Page page = scanOne(cluster.getConnection(node).sync(), nodeCursor, limit, node);
        if (page.next() != null) {
            return page;
        }
        // this master is done: the next one, in node ID order, starts from its beginning
        int at = masters.indexOf(node);
        String following = at >= 0 && at + 1 < masters.size() ? masters.get(at + 1) + ":0" : null;
        return new Page(page.records(), following);
    }

    /** GET and PTTL of each session key, pipelined; keys gone meanwhile are left out. */
    private List<Scanned> fetch(List<byte[]> keys) {
        RedisClusterAsyncCommands<byte[], byte[]> async = link.async();
        List<byte[]> sessionKeys = new ArrayList<>();
        List<RedisFuture<byte[]>> values = new ArrayList<>();
        List<RedisFuture<Long>> ttls = new ArrayList<>();
        for (byte[] key : keys) {
            if (StagedReplace.isStaged(key) || !RecordScanner.isSessionKey(new String(key, StandardCharsets.UTF_8), keyPrefix)) {
                continue;
            }
            sessionKeys.add(key);
            values.add(async.get(key));
            ttls.add(async.pttl(key));
        }
        List<Scanned> records = new ArrayList<>(sessionKeys.size());
        Instant now = Instant.now();
        for (int i = 0; i < sessionKeys.size(); i++) {
            byte[] value = await(values.get(i));
            long ttl = await(ttls.get(i));
            if (value == null || ttl == -2) {
                continue;
            }
            Instant expiresAt = ttl < 0 ? null : now.plus(Duration.ofMillis(ttl));
            records.add(new Scanned(new String(sessionKeys.get(i), StandardCharsets.UTF_8),
                    VersionedValue.decode(value).data(), expiresAt));
        }
        return records;
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionBackendException("interrupted while reading the records of a SCAN page on " + settings.target(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SessionBackendException("Redis GET/PTTL of a SCAN page failed on " + settings.target() + ": " + e
                    + ". Check that Redis is up and reachable", e);
        }
    }

    private static String checked(String cursor) {
        for (int i = 0; i < cursor.length(); i++) {
            if (!Character.isDigit(cursor.charAt(i))) {
                throw new IllegalArgumentException("not a cursor of a Redis scan (digits)");
            }
        }
        return cursor;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
