package io.github.session4j.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.servers.MongoJavaServer;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.BackendContext;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.testkit.MutableClock;
import io.github.session4j.testkit.Writes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The round-trip budget, counted by the server: the commands mongo-java-server handled on the
 * session database (see {@link MongoJavaServer}). The driver's handshakes and monitoring go
 * to {@code admin} and are not in the count.
 */
class MongoBudgetTest {

    private static final Duration TTL = Duration.ofMinutes(30);

    private final MongoJavaServer server = TestServers.mongo();
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final String database = "budget_" + System.nanoTime();
    private MongoSessionInterface backend;
    private long startUpCommands;

    @BeforeEach
    void open() {
        SessionConfig config = SessionConfig.builder().putAll(Map.of(
                "SESSION_MONGODB", server.connectionString(),
                "SESSION_MONGODB_DB", database)).build();
        backend = (MongoSessionInterface) new MongoSessionInterfaceProvider().create(BackendContext.validate(new MongoSessionInterfaceProvider(), config, clock));
        startUpCommands = server.commands(database);
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private long commandsOf(Runnable operation) {
        long before = server.commands(database);
        operation.run();
        return server.commands(database) - before;
    }

    @Test
    void startUpIsAPingTheCreationOfTwoIndexesAndTheWriteFencesProbe() {
        assertThat(startUpCommands).as("ping, createIndexes of the TTL index, of the principal index, the fence's probe find").isEqualTo(4);
    }

    @Test
    void theIndexRidesOnTheWriteAndEachIndexOperationIsOneCommand() {
        String pk = "p".repeat(43);
        assertThat(commandsOf(() -> backend.write(new RecordWrite.Create("session:a", bytes("a"), TTL, IndexChange.add(pk)))))
                .as("create that indexes").isEqualTo(1);
        long version = backend.load("session:a").orElseThrow().version();
        assertThat(commandsOf(() -> backend.write(new RecordWrite.Replace("session:a", bytes(""), version, TTL,
                IndexChange.remove(pk))))).as("tombstone that unindexes").isEqualTo(1);
        backend.write(new RecordWrite.Create("session:b", bytes("b"), TTL, IndexChange.add(pk)));
        assertThat(commandsOf(() -> backend.indexedKeys(pk, null, 100))).as("indexedKeys").isEqualTo(1);
        assertThat(commandsOf(() -> backend.unindex(pk, List.of("session:a", "session:b")))).as("unindex").isEqualTo(1);
        assertThat(commandsOf(() -> backend.unindex(pk, List.of()))).as("unindex of nothing").isZero();
        assertThat(commandsOf(() -> backend.deleteIndexed("session:b", pk))).as("deleteIndexed").isEqualTo(1);
    }

    @Test
    void everyOperationIsOneCommand() {
        assertThat(commandsOf(() -> Writes.create(backend, "session:a", bytes("a"), TTL))).as("create").isEqualTo(1);
        long version = backend.load("session:a").orElseThrow().version();
        assertThat(commandsOf(() -> backend.load("session:a"))).as("load, found").isEqualTo(1);
        assertThat(commandsOf(() -> backend.load("session:missing"))).as("load, missing").isEqualTo(1);
        assertThat(commandsOf(() -> Writes.replace(backend, "session:a", bytes("b"), version, TTL))).as("replace").isEqualTo(1);
        assertThat(commandsOf(() -> Writes.replace(backend, "session:a", bytes("c"), version, TTL))).as("replace, lost")
                .isEqualTo(1);
        assertThat(commandsOf(() -> backend.touch("session:a", TTL))).as("touch").isEqualTo(1);
        assertThat(commandsOf(backend::countLive)).as("countLive").isEqualTo(1);
        assertThat(commandsOf(() -> backend.delete("session:a"))).as("delete").isEqualTo(1);
        assertThat(commandsOf(() -> backend.sweepExpired(100))).as("sweep, nothing expired").isEqualTo(1);
    }

    @Test
    void aCreateOnATakenKeyCostsOneMoreCommand() {
        Writes.create(backend, "session:a", bytes("a"), Duration.ofMinutes(1));
        assertThat(commandsOf(() -> Writes.create(backend, "session:a", bytes("b"), TTL))).as("lost race").isEqualTo(2);

        clock.advance(Duration.ofMinutes(1));
        assertThat(commandsOf(() -> Writes.create(backend, "session:a", bytes("c"), TTL))).as("over an expired document")
                .isEqualTo(2);
    }

    @Test
    void aSweepThatFindsExpiredDocumentsCostsTwoCommands() {
        Writes.create(backend, "session:a", bytes("a"), Duration.ofMinutes(1));
        Writes.create(backend, "session:b", bytes("b"), Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));

        assertThat(commandsOf(() -> assertThat(backend.sweepExpired(100)).isEqualTo(2))).isEqualTo(2);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
