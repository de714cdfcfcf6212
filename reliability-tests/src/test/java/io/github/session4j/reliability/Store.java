package io.github.session4j.reliability;

import io.github.session4j.SessionConfig;
import io.github.session4j.servers.ServerProcess;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One backend the suite runs over, on a server started once per test JVM: how to configure it,
 * how to look into its store with the store's own client, and (where the test can) how to take
 * the store away or make it slow.
 */
abstract class Store {

    /** A server of its own that a test may kill and start again on the same port. */
    interface Outage extends AutoCloseable {
        /** @return the backend settings that point at this server */
        Map<String, String> settings();

        /** Takes the store away; its data may be lost. */
        void stop();

        /** Brings the store back on the same address. */
        void start();

        /** Freezes the server process ({@code SIGSTOP}): connections stay open, nothing is answered. */
        default void freeze() {
            throw new UnsupportedOperationException("this server cannot be frozen");
        }

        /** Lets a frozen server run again ({@code SIGCONT}). */
        default void thaw() {
            throw new UnsupportedOperationException("this server cannot be frozen");
        }

        @Override
        void close();

        /**
         * An outage of a server process that the suite runs.
         *
         * @param server the server, owned by the outage
         * @param settings the backend settings that point at it
         * @return the outage
         */
        static Outage of(ServerProcess server, Map<String, String> settings) {
            return new Outage() {
                @Override
                public Map<String, String> settings() {
                    return settings;
                }

                @Override
                public void stop() {
                    server.stop();
                }

                @Override
                public void start() {
                    server.start();
                }

                @Override
                public void freeze() {
                    server.signal("STOP");
                }

                @Override
                public void thaw() {
                    server.signal("CONT");
                }

                @Override
                public void close() {
                    try {
                        server.signal("CONT"); // never leave a frozen process behind
                    } catch (RuntimeException e) {
                        // not running (stopped by the test): nothing to thaw
                    }
                    server.close();
                }
            };
        }
    }

    /** @return the name shown in test names, such as {@code redis} or {@code jdbc-postgresql} */
    abstract String label();

    /** @return the {@code SESSION_TYPE} */
    abstract String type();

    /** @return the backend's settings (server address, schema...) */
    abstract Map<String, String> settings();

    /**
     * @return whether the store decides expiry with the app's clock (SQL, MongoDB, files,
     *     memory) rather than by real time on the server (Redis, memcached)
     */
    abstract boolean followsConfigClock();

    /** @return the store seen through its own client, shared by the tests */
    abstract SideDoor sideDoor();

    /**
     * Creates the backend for one test app.
     *
     * @param config the app's configuration
     * @param clock the app's clock, for every expiry decision
     * @return the backend, owned by the app
     */
    abstract SessionInterface open(SessionConfig config, Clock clock);

    /**
     * The backend settings that bound each store command by {@code timeout}.
     *
     * @param timeout the bound
     * @return the settings
     */
    abstract Map<String, String> timeoutSettings(Duration timeout);

    /**
     * @return whether a round trip to this store takes milliseconds on this machine rather than
     *     microseconds (dynalite: one Node.js process that works through the requests one by one),
     *     so that tests racing dozens of requests on one session race them fewer at a time here
     */
    boolean slowRoundTrips() {
        return false;
    }

    /**
     * Whether the backend fences its writes: a save that reaches the store after its request gave
     * up (answered 503) changes nothing, and its server can be frozen ({@link Outage#freeze()}) to
     * show it.
     *
     * @return true for such a store
     */
    boolean fencesWrites() {
        return false;
    }

    /** @return whether {@link #freezable()} gives a store process to freeze and thaw */
    boolean canFreeze() {
        return canStop();
    }

    /**
     * What {@link FenceTest} freezes for one test app, when {@link #canFreeze()}: by default a new
     * server of this kind ({@link #outage()}); a store that the suite shares with others (the
     * machine's PostgreSQL) freezes only the server process that serves the app.
     *
     * @return the outage, which the test closes; only its {@link Outage#freeze()} and
     *     {@link Outage#thaw()} are sure to work
     */
    Outage freezable() {
        return outage();
    }

    /** @return whether {@link #outage()} gives a server to stop and start */
    boolean canStop() {
        return false;
    }

    /**
     * A new server of this kind for one test to stop and start, when {@link #canStop()}.
     *
     * @return the server, which the test closes
     */
    Outage outage() {
        throw new UnsupportedOperationException(label() + ": the suite cannot stop this store");
    }

    /**
     * The loopback port of the shared server, for a proxy in front of it, when it speaks TCP.
     *
     * @return the port, or empty
     */
    Optional<Integer> port() {
        return Optional.empty();
    }

    /**
     * The backend settings that point at {@code port} on loopback instead of the shared server.
     *
     * @param port a proxy's port
     * @return the settings
     */
    Map<String, String> settingsForPort(int port) {
        throw new UnsupportedOperationException(label() + " is not reached over a TCP port");
    }

    @Override
    public String toString() {
        return label();
    }
}
