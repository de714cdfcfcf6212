package io.github.session4j.reliability;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Every backend the suite runs over, each server started once per test JVM on first use. The
 * parameterised tests take their stores from here ({@code @MethodSource}).
 */
final class Stores {

    private static final List<Lazy> ALL = List.of(
            new Lazy(MemoryStore::new),
            new Lazy(RedisStore::new),
            new Lazy(MemcachedStore::new),
            new Lazy(MongoStore::new),
            new Lazy(DynamoDbStore::new),
            new Lazy(JdbcStore::h2),
            new Lazy(JdbcStore::postgresql),
            new Lazy(FilesystemStore::new));

    /**
     * Stores that only the tests of sessions by user run over, besides those of {@link #ALL}: where
     * the principal index works differently (Cluster's hash slots, MariaDB's SQL).
     */
    private static final List<Lazy> INDEXING_ONLY = List.of(
            new Lazy(RedisClusterStore::new),
            new Lazy(JdbcStore::mariadb));

    /** The backends that keep the principal index (issue 20); memcached and DynamoDB refuse it. */
    private static final List<String> WITHOUT_INDEX = List.of("memcached", "dynamodb");

    private Stores() {
    }

    /** @return every store */
    static Stream<Store> all() {
        return ALL.stream().map(Lazy::get);
    }

    /**
     * The backends that keep the principal index (issue 20), each of which must pass the tests of
     * sessions by user: memory, redis (standalone and Cluster), mongodb, jdbc (H2, PostgreSQL,
     * MariaDB) and filesystem. Memcached and DynamoDB, which cannot keep it, are left out (their
     * modules test the start-up refusal).
     *
     * @return those stores
     */
    static Stream<Store> indexing() {
        return Stream.concat(all().filter(store -> !WITHOUT_INDEX.contains(store.label())),
                INDEXING_ONLY.stream().map(Lazy::get));
    }

    /** @return the stores whose round trips take well under a millisecond here */
    static Stream<Store> quick() {
        return all().filter(store -> !store.slowRoundTrips());
    }

    /** @return the stores whose round trips take milliseconds here ({@link Store#slowRoundTrips()}) */
    static Stream<Store> slow() {
        return all().filter(Store::slowRoundTrips);
    }

    /** @return the stores whose expiry follows the app's clock */
    static Stream<Store> clockDriven() {
        return all().filter(Store::followsConfigClock);
    }

    /** @return the stores whose server expires records by real time */
    static Stream<Store> serverTtl() {
        return all().filter(store -> !store.followsConfigClock());
    }

    /** @return the stores a test can stop and start */
    static Stream<Store> stoppable() {
        return all().filter(Store::canStop);
    }

    /** @return the stores whose writes are fenced, with a server that a test can freeze */
    static Stream<Store> fenced() {
        return all().filter(store -> store.fencesWrites() && store.canFreeze());
    }

    /** @return the stores reached over a TCP port that a proxy can stand in front of */
    static Stream<Store> proxiable() {
        return all().filter(store -> store.port().isPresent());
    }

    /** A store made on first use, once. */
    private static final class Lazy {
        private final Supplier<Store> factory;
        private Store store;

        Lazy(Supplier<Store> factory) {
            this.factory = factory;
        }

        synchronized Store get() {
            if (store == null) {
                store = factory.get();
            }
            return store;
        }
    }
}
