package io.github.session4j.reliability;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.github.session4j.SessionConfig;
import io.github.session4j.mongo.MongoSessionInterfaceProvider;
import io.github.session4j.servers.MongoJavaServer;
import io.github.session4j.servers.MongoSideDoor;
import io.github.session4j.servers.ServerProcess;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * MongoDB, played by mongo-java-server 1.47.0 with the 5.0 wire version (DESIGN.md section 7),
 * on a loopback port: the test JVM's ({@link TestServers#mongo()}), one of the test's own for
 * outages, and one in a JVM of its own for {@link FenceTest} to freeze. The side door is a MongoDB client of the test's own ({@link MongoSideDoor}).
 */
final class MongoStore extends Store {

    private static final String DATABASE = "reliability";

    private final int serverPort = TestServers.mongo().port();
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + serverPort);
    private final MongoCollection<BsonDocument> sessions =
            client.getDatabase(DATABASE).getCollection("sessions", BsonDocument.class);

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
        MongoJavaServer first = MongoJavaServer.start(0);
        int port = first.port();
        return new Outage() {
            private MongoJavaServer current = first;

            @Override
            public Map<String, String> settings() {
                return settingsForPort(port);
            }

            @Override
            public synchronized void stop() {
                current.close();
            }

            @Override
            public synchronized void start() {
                current = MongoJavaServer.start(port);
            }

            @Override
            public synchronized void close() {
                current.close();
            }
        };
    }

    /**
     * Yes: a save's filter carries a deadline that the server compares with its own clock
     * ({@code $$NOW}), which mongo-java-server evaluates as MongoDB 4.2+ does.
     */
    @Override
    boolean fencesWrites() {
        return true;
    }

    /** Yes: {@link #freezable()} runs a server in a JVM of its own, which {@code SIGSTOP} freezes. */
    @Override
    boolean canFreeze() {
        return true;
    }

    @Override
    Outage freezable() {
        ServerProcess server = MongoJavaServer.startProcess();
        warmUp(server.port());
        return Outage.of(server, settingsForPort(server.port()));
    }

    /**
     * Runs the commands a test app sends through a new server JVM before the app starts, so that
     * its first commands, interpreted and not yet compiled, do not outlast the app's short
     * timeouts on a loaded machine.
     */
    private static void warmUp(int port) {
        try (MongoClient warm = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<BsonDocument> scratch = warm.getDatabase("warm-up").getCollection("scratch", BsonDocument.class);
            scratch.createIndex(new BsonDocument("expiresAt", new BsonInt32(1)));
            for (int i = 0; i < 200; i++) {
                BsonDocument doc = new BsonDocument("_id", new BsonInt32(i)).append("v", new BsonInt32(i));
                scratch.insertOne(doc);
                scratch.replaceOne(new BsonDocument("_id", new BsonInt32(i)), doc.clone().append("w", new BsonInt32(1)));
                scratch.find(new BsonDocument("_id", new BsonInt32(i))).first();
                scratch.deleteOne(new BsonDocument("_id", new BsonInt32(i)));
            }
        }
    }

    @Override
    SideDoor sideDoor() {
        return new MongoSideDoor(sessions, Clock.systemUTC());
    }
}
