package io.github.session4j.mongo;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * A mongo-java-server (in-memory, MongoDB 5.0 wire version) on a loopback port, with the
 * server-side command count of {@link CountingMemoryBackend}.
 *
 * <p>{@link #shared()} is the one server of the test JVM, started on first use on a free port and
 * stopped by a shutdown hook; tests isolate themselves by database and collection names. Tests
 * that stop a server start their own with {@link #start(int)}.
 */
final class MongoJavaServer implements AutoCloseable {

    private static final Set<String> START_UP_COMMANDS = Set.of("ping", "createIndexes");

    private final CountingMemoryBackend backend = new CountingMemoryBackend();
    private final MongoServer server = new MongoServer(backend);
    private final int port;

    private MongoJavaServer(int port) {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        // One worker thread: mongo-java-server applies an update as a query and then a separate write
        // without a lock, so with several workers two conditional replaces of one version can both
        // win. Real MongoDB is atomic per document; a single worker gives the test server that property.
        server.bind(address, 1, 1);
        this.port = server.getLocalAddress().getPort();
    }

    /**
     * Starts a server of its own.
     *
     * @param port the loopback port, or 0 for a free one
     * @return the running server
     */
    static MongoJavaServer start(int port) {
        return new MongoJavaServer(port);
    }

    /**
     * The server shared by the test classes of this JVM.
     *
     * @return the running server
     */
    static MongoJavaServer shared() {
        return Shared.SERVER;
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    int port() {
        return port;
    }

    /**
     * A connection string for the server.
     *
     * @return such as {@code mongodb://127.0.0.1:40123}
     */
    String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    /**
     * The commands the server has handled on a database.
     *
     * @param database the database name
     * @return the server's count
     */
    long commands(String database) {
        return backend.commands(database, Set.of());
    }

    /**
     * The commands the server has handled on a database for sessions, leaving out those a backend
     * sends once at start-up ({@code ping} and {@code createIndexes}).
     *
     * @param database the database name
     * @return the server's count
     */
    long sessionCommands(String database) {
        return backend.commands(database, START_UP_COMMANDS);
    }

    /** Stops the server at once, dropping its connections and data. */
    @Override
    public void close() {
        server.shutdownNow();
    }

    /** Lazily started on first use: class initialisation is thread-safe and happens once. */
    private static final class Shared {
        static final MongoJavaServer SERVER = start(0);

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(SERVER::close, "mongo-java-server-shutdown"));
        }
    }
}
