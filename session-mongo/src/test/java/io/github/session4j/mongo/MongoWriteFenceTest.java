package io.github.session4j.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.github.session4j.SessionConfig;
import io.github.session4j.servers.MongoJavaServer;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.FenceClock;
import io.github.session4j.spi.RecordWrite;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write fence against mongo-java-server, which evaluates {@code $$NOW} in an {@code $expr}
 * filter as MongoDB 4.2+ does: a save whose deadline the server's clock has passed matches nothing
 * and leaves the document as it was. The deadline is made to have passed by a fence clock that
 * believes the server an hour behind (the SIGSTOP cycle of reliability-tests' {@code FenceTest}
 * shows the same with a frozen server process and the real clock).
 */
class MongoWriteFenceTest {

    private static final Duration TTL = Duration.ofMinutes(30);
    private static final byte[] OLD = "old".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "new".getBytes(StandardCharsets.UTF_8);

    private final MongoJavaServer server = TestServers.mongo();
    private final String database = "fence_" + System.nanoTime();
    private MongoClient client;
    private MongoCollection<BsonDocument> collection;
    private MongoSettings settings;

    @BeforeEach
    void open() {
        client = MongoClients.create(server.connectionString());
        collection = client.getDatabase(database).getCollection("sessions", BsonDocument.class);
        settings = MongoSettings.from(SessionConfig.builder().putAll(Map.of("SESSION_MONGODB", server.connectionString(),
                "SESSION_MONGODB_DB", database)).build(), "session:");
    }

    @AfterEach
    void close() {
        client.getDatabase(database).drop();
        client.close();
    }

    @Test
    void aSaveThatRunsAfterItsDeadlineChangesNothing() {
        FenceClock anHourBehind = new FenceClock(() -> Instant.now().minus(Duration.ofHours(1)), settings.timeout(), "test-clock");
        anHourBehind.start();
        try (MongoSessionInterface backend = backend(MongoWriteFence.on(anHourBehind))) {
            assertThat(backend.write(new RecordWrite.Create("session:fenced", OLD, TTL)).isWritten()).isTrue();
            long version = backend.load("session:fenced").orElseThrow().version();

            assertThat(backend.write(new RecordWrite.Replace("session:fenced", NEW, version, TTL)).isWritten())
                    .as("a save past its deadline by the server's clock").isFalse();
            assertThat(backend.load("session:fenced").orElseThrow().data()).isEqualTo(OLD);
            assertThat(backend.load("session:fenced").orElseThrow().version()).isEqualTo(version);
        }
    }

    @Test
    void aSaveWithinItsDeadlineWins() {
        try (MongoSessionInterface backend = backend(MongoWriteFence.start(client.getDatabase("admin"), collection, settings,
                new MongoFailures(settings)))) {
            assertThat(backend.write(new RecordWrite.Create("session:live", OLD, TTL)).isWritten()).isTrue();
            long version = backend.load("session:live").orElseThrow().version();
            assertThat(backend.write(new RecordWrite.Replace("session:live", NEW, version, TTL)).isWritten()).isTrue();
            assertThat(backend.load("session:live").orElseThrow().data()).isEqualTo(NEW);
        }
    }

    @Test
    void theMarginIsTheGuardPlusTheMeasurementsErrorAndTheProbeLeavesNothingBehind() {
        try (MongoWriteFence fence = MongoWriteFence.start(client.getDatabase("admin"), collection, settings, new MongoFailures(settings))) {
            assertThat(fence.margin()).get().satisfies(margin -> assertThat(margin)
                    .isBetween(FenceClock.GUARD, settings.timeout().dividedBy(2)));
        }
        assertThat(collection.countDocuments(Filters.empty())).isZero();
    }

    @Test
    void withTheFenceOffASaveCarriesNoDeadline() {
        SessionConfig off = SessionConfig.builder().putAll(Map.of("SESSION_MONGODB", server.connectionString(),
                "SESSION_MONGODB_DB", database, "SESSION_MONGODB_WRITE_FENCE", "false")).build();
        assertThat(MongoSettings.from(off, "session:").writeFence()).isFalse();
        assertThat(MongoWriteFence.off().margin()).isEmpty();
        assertThat(MongoWriteFence.off().guard(Filters.eq("_id", "k"))).isEqualTo(Filters.eq("_id", "k"));
    }

    /** A backend on a client of its own, which it closes, with the given fence. */
    private MongoSessionInterface backend(MongoWriteFence fence) {
        MongoClient own = MongoClients.create(server.connectionString());
        return new MongoSessionInterface(own, own.getDatabase(database).getCollection("sessions", BsonDocument.class), settings,
                new MongoFailures(settings), fence, Clock.systemUTC());
    }
}
