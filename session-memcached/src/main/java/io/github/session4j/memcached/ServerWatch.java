package io.github.session4j.memcached;

import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.ConnectionObserver;

/**
 * Watches the connections to the servers: lets start-up wait until every server is connected, and
 * says in the log what a lost server means for its sessions under the configured failure mode.
 */
final class ServerWatch implements ConnectionObserver {

    private static final System.Logger LOG = System.getLogger(ServerWatch.class.getName());

    private final Set<SocketAddress> connected = ConcurrentHashMap.newKeySet();
    private final CountDownLatch allConnected;
    private final String failureMode;

    /**
     * Creates the watch.
     *
     * @param serverCount how many servers start-up waits for
     * @param failureMode the configured failure mode, as spelled in the setting
     */
    ServerWatch(int serverCount, String failureMode) {
        this.allConnected = new CountDownLatch(serverCount);
        this.failureMode = failureMode;
    }

    /**
     * Waits until every server has been connected once.
     *
     * @param timeout how long to wait
     * @return {@code true} if every server connected in time
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    boolean awaitAllConnected(Duration timeout) throws InterruptedException {
        return allConnected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Tells whether a server has been connected at least once.
     *
     * @param server the server's address
     * @return {@code true} once it has connected
     */
    boolean hasConnected(SocketAddress server) {
        return connected.contains(server);
    }

    @Override
    public void connectionEstablished(SocketAddress server, int reconnectCount) {
        // spymemcached counts the first connection as attempt 1, so reconnectCount cannot tell
        if (connected.add(server)) {
            allConnected.countDown();
        } else {
            LOG.log(Level.INFO, "memcached server {0} is reachable again; its share of the sessions goes back to it",
                    MemcachedConnector.describe(server));
        }
    }

    @Override
    public void connectionLost(SocketAddress server) {
        LOG.log(Level.WARNING, "memcached server {0} is unreachable; " + consequence(),
                MemcachedConnector.describe(server));
    }

    private String consequence() {
        switch (failureMode) {
            case "redistribute":
                return "SESSION_MEMCACHED_FAILURE_MODE=redistribute sends its keys to the other servers, so the users"
                        + " whose sessions lived there get fresh sessions";
            case "cancel":
                return "SESSION_MEMCACHED_FAILURE_MODE=cancel fails every request whose session lives there"
                        + " until it is back";
            default:
                return "SESSION_MEMCACHED_FAILURE_MODE=retry queues the commands for its keys until it is back,"
                        + " and they fail after SESSION_MEMCACHED_OPERATION_TIMEOUT";
        }
    }
}
