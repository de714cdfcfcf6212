package io.github.session4j.servers;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A mongo-java-server (in memory, MongoDB 5.0 wire version, which driver 5.x requires) on a
 * loopback port in this JVM, that counts the commands (OP_MSG messages) it handles per database
 * and command name: the server's own count of round trips (its {@code serverStatus} has no
 * {@code opcounters}). The driver's monitoring and handshakes go to the {@code admin} database, so
 * the count of a session database holds only what a backend sent to it.
 *
 * <p>{@link TestServers#mongo()} is the one server that a JVM's tests share; tests that stop a
 * server start their own with {@link #start(int)}.
 */
public final class MongoJavaServer implements AutoCloseable {

    private static final Set<String> START_UP_COMMANDS = Set.of("ping", "createIndexes");

    private final Map<String, Map<String, LongAdder>> commands = new ConcurrentHashMap<>();
    private final MongoServer server = new MongoServer(new CountingBackend());
    private final int port;

    private MongoJavaServer(int port) {
        // One worker thread: mongo-java-server applies an update as a query and then a separate write
        // without a lock, so with several workers two conditional replaces of one version can both
        // win. Real MongoDB is atomic per document; a single worker gives the test server that property.
        server.bind(new InetSocketAddress("127.0.0.1", port), 1, 1);
        this.port = server.getLocalAddress().getPort();
    }

    /**
     * Starts a server of its own; the caller closes it.
     *
     * @param port the loopback port, or 0 for a free one
     * @return the running server
     */
    public static MongoJavaServer start(int port) {
        return new MongoJavaServer(port);
    }

    /**
     * Starts a server in a JVM of its own, on this JVM's class path, so that a test can freeze it
     * ({@link ServerProcess#signal}{@code ("STOP")}) while its clients wait, which a server in the
     * test's own JVM cannot be.
     *
     * @return the running server process, which the caller closes
     */
    public static ServerProcess startProcess() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ServerProcess.startExecutable("mongo-java-server", java, "run the tests with a full JDK (its bin/java)",
                (port, dir) -> List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), MongoJavaServer.class.getName(),
                        Integer.toString(port)));
    }

    /**
     * Runs a server on the loopback port given as the only argument until the process is killed
     * ({@link #startProcess()}).
     *
     * @param args the port
     * @throws InterruptedException never in practice: the main thread waits to be killed
     */
    public static void main(String[] args) throws InterruptedException {
        MongoJavaServer server = start(Integer.parseInt(args[0]));
        System.out.println("mongo-java-server listening on 127.0.0.1:" + server.port());
        Thread.currentThread().join();
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * A connection string for the server.
     *
     * @return such as {@code mongodb://127.0.0.1:40123}
     */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    /**
     * The commands the server has handled on a database.
     *
     * @param database the database name
     * @return the count, monotonically increasing
     */
    public long commands(String database) {
        return commandsByName(database).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The commands the server has handled on a database for sessions, leaving out those a backend
     * sends once at start-up ({@code ping} and {@code createIndexes}).
     *
     * @param database the database name
     * @return the count, monotonically increasing
     */
    public long sessionCommands(String database) {
        return commandsByName(database).entrySet().stream().filter(e -> !START_UP_COMMANDS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * The commands handled so far on a database, by command name.
     *
     * @param database the database name
     * @return a copy of the counts
     */
    public Map<String, Long> commandsByName(String database) {
        Map<String, Long> copy = new TreeMap<>();
        commands.getOrDefault(database, Map.of()).forEach((name, count) -> copy.put(name, count.sum()));
        return copy;
    }

    /** Stops the server at once, dropping its connections and data. */
    @Override
    public void close() {
        server.shutdownNow();
    }

    /** mongo-java-server's in-memory backend, unchanged, but for counting what it handles. */
    private final class CountingBackend extends MemoryBackend {
        CountingBackend() {
            version(ServerVersion.MONGO_5_0);
        }

        @Override
        public Document handleMessage(MongoMessage message) {
            String command = message.getDocument().keySet().iterator().next();
            commands.computeIfAbsent(message.getDatabaseName(), db -> new ConcurrentHashMap<>())
                    .computeIfAbsent(command, c -> new LongAdder()).increment();
            return super.handleMessage(message);
        }
    }
}
