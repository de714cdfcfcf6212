package io.github.session4j.reliability;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.session4j.SessionConfig;
import io.github.session4j.mongo.MongoSessionInterfaceProvider;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.SideDoor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.BsonBinary;
import org.bson.BsonDocument;

/**
 * MongoDB, played by mongo-java-server 1.47.0 with the 5.0 wire version (DESIGN.md section 7),
 * on a loopback port. The side door is a MongoDB client of the test's own.
 */
final class MongoStore extends Store {

    private static final String DATABASE = "reliability";

    private final MongoServer server = startServer(0);
    private final int serverPort = server.getLocalAddress().getPort();
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + serverPort);
    private final MongoCollection<BsonDocument> sessions =
            client.getDatabase(DATABASE).getCollection("sessions", BsonDocument.class);

    private static MongoServer startServer(int port) {
        MongoServer server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        // One worker thread: mongo-java-server applies an update as a query and then a separate write
        // without a lock, so with several workers two conditional replaces of one version can both
        // win. Real MongoDB is atomic per document; a single worker gives the test server that property.
        server.bind(new InetSocketAddress("127.0.0.1", port), 1, 1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        return server;
    }

    @Override
    String label() {
        return "mongodb";
    }

    @Override
    String type() {
        return "mongodb";
    }

    @Override
    Map<String, String> settings() {
        return settingsForPort(serverPort);
    }

    @Override
    Map<String, String> settingsForPort(int port) {
        return Map.of("SESSION_MONGODB", "mongodb://127.0.0.1:" + port, "SESSION_MONGODB_DB", DATABASE);
    }

    @Override
    boolean followsConfigClock() {
        return true;
    }

    @Override
    Map<String, String> timeoutSettings(Duration timeout) {
        return Map.of("SESSION_MONGODB_TIMEOUT", timeout.toMillis() + "ms");
    }

    @Override
    SessionInterface open(SessionConfig config, Clock clock) {
        return new MongoSessionInterfaceProvider().create(BackendContext.validate(new MongoSessionInterfaceProvider(), config, clock));
    }

    @Override
    boolean canStop() {
        return true;
    }

    @Override
    Outage outage() {
        MongoServer first = startServer(0);
        int port = first.getLocalAddress().getPort();
        return new Outage() {
            private MongoServer current = first;

            @Override
            public Map<String, String> settings() {
                return settingsForPort(port);
            }

            @Override
            public synchronized void stop() {
                current.shutdownNow();
            }

            @Override
            public synchronized void start() {
                current = startServer(port);
            }

            @Override
            public synchronized void close() {
                current.shutdownNow();
            }
        };
    }

    @Override
    SideDoor sideDoor() {
        return new SideDoor() {
            @Override
            public Optional<byte[]> read(String key) {
                return document(key).map(d -> d.getBinary("data").getData());
            }

            @Override
            public void write(String key, byte[] record) {
                if (sessions.updateOne(Filters.eq("_id", key), Updates.set("data", new BsonBinary(record)))
                        .getMatchedCount() != 1) {
                    throw new IllegalStateException("no record under " + key + " to overwrite");
                }
            }

            @Override
            public boolean exists(String key) {
                return document(key).isPresent();
            }

            @Override
            public List<String> keys(String prefix) {
                List<String> keys = new ArrayList<>();
                sessions.find(Filters.regex("_id", "^" + Pattern.quote(prefix))).projection(Projections.include("_id"))
                        .forEach(d -> keys.add(d.getString("_id").getValue()));
                return keys;
            }

            @Override
            public Optional<Duration> ttl(String key) {
                return document(key).map(d -> Duration.between(Clock.systemUTC().instant(),
                        Instant.ofEpochMilli(d.getDateTime("expiresAt").getValue())));
            }
        };
    }

    private Optional<BsonDocument> document(String key) {
        return Optional.ofNullable(sessions.find(Filters.eq("_id", key)).first());
    }
}
