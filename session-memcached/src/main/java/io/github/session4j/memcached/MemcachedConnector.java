package io.github.session4j.memcached;

import io.github.session4j.SessionBackendException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.DefaultHashAlgorithm;

/**
 * Opens the pool and checks it before the first request: every server must accept a connection
 * within {@code SESSION_MEMCACHED_CONNECT_TIMEOUT} and answer {@code stats settings} within
 * {@code SESSION_MEMCACHED_OPERATION_TIMEOUT}, with CAS enabled.
 *
 * <p>Every configured server must be up at start-up: a typo in the list must not pass silently
 * as a smaller pool whose keys move when the missing server appears later.
 */
final class MemcachedConnector {

    private MemcachedConnector() {
    }

    /**
     * A connected and checked pool.
     *
     * @param client the client, owned by the caller
     * @param itemSizeMax the smallest item size limit ({@code -I}) among the servers, in bytes
     */
    record Pool(SessionMemcachedClient client, long itemSizeMax) {
    }

    /**
     * Connects to every server and checks it.
     *
     * @param settings the validated settings
     * @return the pool
     * @throws SessionBackendException naming the servers that cannot be used, and what to check
     */
    static Pool connect(MemcachedSettings settings) {
        List<InetSocketAddress> servers = resolve(settings);
        ServerWatch watch = new ServerWatch(servers.size(), settings.failureModeName());
        SessionMemcachedClient client = open(settings, servers, watch);
        try {
            awaitConnections(settings, servers, watch);
            return new Pool(client, checkServers(settings, client, servers));
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /**
     * Spells a server address as in the setting: {@code host:port}, {@code [v6]:port}.
     *
     * @param server the address
     * @return the address as text
     */
    static String describe(SocketAddress server) {
        if (server instanceof InetSocketAddress inet) {
            String host = inet.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(server);
    }

    private static List<InetSocketAddress> resolve(MemcachedSettings settings) {
        List<InetSocketAddress> resolved = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (InetSocketAddress server : settings.servers()) {
            InetSocketAddress address = new InetSocketAddress(server.getHostString(), server.getPort());
            if (address.isUnresolved()) {
                unknown.add(server.getHostString());
            }
            resolved.add(address);
        }
        if (!unknown.isEmpty()) {
            throw new SessionBackendException("cannot resolve the memcached host(s) " + String.join(", ", unknown)
                    + " of " + MemcachedSettings.SERVERS + ": check the host names and DNS");
        }
        return resolved;
    }

    private static SessionMemcachedClient open(MemcachedSettings settings, List<InetSocketAddress> servers,
            ServerWatch watch) {
        ConnectionFactory factory = new RedistributingConnectionFactory(new ConnectionFactoryBuilder()
                .setProtocol(ConnectionFactoryBuilder.Protocol.BINARY)
                .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT)
                .setHashAlg(DefaultHashAlgorithm.KETAMA_HASH)
                .setFailureMode(settings.failureMode())
                .setOpTimeout(settings.operationTimeout().toMillis())
                .setShouldOptimize(false)
                .setOpQueueMaxBlockTime(settings.operationTimeout().toMillis())
                .setDaemon(true)
                .setInitialObservers(List.of(watch))
                .build());
        try {
            return new SessionMemcachedClient(factory, servers);
        } catch (IOException e) {
            throw new SessionBackendException("cannot open a memcached client for " + list(servers) + ": " + e.getMessage(), e);
        }
    }

    private static void awaitConnections(MemcachedSettings settings, List<InetSocketAddress> servers, ServerWatch watch) {
        boolean connected;
        try {
            connected = watch.awaitAllConnected(settings.connectTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionBackendException("interrupted while connecting to memcached at " + list(servers), e);
        }
        if (!connected) {
            List<InetSocketAddress> missing = servers.stream().filter(s -> !watch.hasConnected(s)).toList();
            throw new SessionBackendException("cannot connect to memcached at " + list(missing) + " within "
                    + settings.connectTimeout().toMillis() + "ms (" + MemcachedSettings.CONNECT_TIMEOUT
                    + "): check that memcached runs there and that " + MemcachedSettings.SERVERS + " is right ("
                    + MemcachedSettings.SERVERS + "=" + list(servers) + ")");
        }
    }

    private static long checkServers(MemcachedSettings settings, SessionMemcachedClient client,
            List<InetSocketAddress> servers) {
        Map<SocketAddress, Map<String, String>> stats = client.getStats("settings");
        // spymemcached puts an empty map for every server before it answers
        List<InetSocketAddress> silent = servers.stream()
                .filter(s -> !stats.containsKey(s) || !stats.get(s).containsKey("item_size_max")).toList();
        if (!silent.isEmpty()) {
            throw new SessionBackendException("memcached at " + list(silent) + " did not answer 'stats settings' within "
                    + settings.operationTimeout().toMillis() + "ms (" + MemcachedSettings.OPERATION_TIMEOUT
                    + "): check that a memcached server (not another service) listens there");
        }
        List<InetSocketAddress> noCas = servers.stream()
                .filter(s -> "no".equals(stats.get(s).get("cas_enabled"))).toList();
        if (!noCas.isEmpty()) {
            throw new SessionBackendException("memcached at " + list(noCas) + " runs with CAS disabled (-C), but sessions"
                    + " need CAS for conditional saves: restart it without -C");
        }
        return servers.stream()
                .mapToLong(s -> parseLong(stats.get(s).get("item_size_max")))
                .min()
                .orElse(Long.MAX_VALUE);
    }

    private static long parseLong(String value) {
        try {
            return value == null ? Long.MAX_VALUE : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String list(List<InetSocketAddress> servers) {
        return servers.stream().map(MemcachedConnector::describe).collect(Collectors.joining(","));
    }
}
