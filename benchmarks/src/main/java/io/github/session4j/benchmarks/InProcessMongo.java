package io.github.session4j.benchmarks;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * mongo-java-server (in memory, MongoDB 5.0 wire version, which driver 5.x needs) on a free
 * loopback port in this JVM, counting the commands it handles per database: the server's own
 * count of round trips (its {@code serverStatus} has no {@code opcounters}).
 */
final class InProcessMongo {

    private final Map<String, Map<String, LongAdder>> commands = new ConcurrentHashMap<>();
    private final MongoServer server;

    InProcessMongo() {
        server = new MongoServer(new CountingBackend());
        // One worker thread: mongo-java-server applies an update as a query and then a separate write
        // without a lock, so with several workers two conditional replaces of one version can both
        // win. Real MongoDB is atomic per document; a single worker gives the test server that property.
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-java-server-shutdown"));
    }

    /**
     * The connection string.
     *
     * @return such as {@code mongodb://127.0.0.1:40123}
     */
    String connectionString() {
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    /**
     * The commands handled so far on a database, by command name.
     *
     * @param database the database
     * @return a copy of the counts
     */
    Map<String, Long> commands(String database) {
        Map<String, Long> copy = new TreeMap<>();
        commands.getOrDefault(database, Map.of()).forEach((name, count) -> copy.put(name, count.sum()));
        return copy;
    }

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
