package io.github.session4j.mongo;

import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * mongo-java-server's in-memory backend, unchanged, that also counts the commands (OP_MSG
 * messages) it handles per database and command name: the server's own count of round trips. mongo-java-server's
 * {@code serverStatus} has no {@code opcounters}, so this is where the server can count them.
 *
 * <p>The driver's monitoring and handshakes go to the {@code admin} database, so the count of a
 * session database holds only what a backend sent to it.
 */
final class CountingMemoryBackend extends MemoryBackend {

    private final Map<String, Map<String, AtomicLong>> commands = new ConcurrentHashMap<>();

    /** Creates an empty backend speaking MongoDB 5.0's wire version, which driver 5.x requires. */
    CountingMemoryBackend() {
        version(ServerVersion.MONGO_5_0);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        String command = message.getDocument().keySet().iterator().next();
        commands.computeIfAbsent(message.getDatabaseName(), db -> new ConcurrentHashMap<>())
                .computeIfAbsent(command, c -> new AtomicLong()).incrementAndGet();
        return super.handleMessage(message);
    }

    /**
     * The commands handled so far on a database, but for those named in {@code except}.
     *
     * @param database the database name
     * @param except command names not to count, such as {@code ping}
     * @return the count, monotonically increasing
     */
    long commands(String database, Set<String> except) {
        Map<String, AtomicLong> counts = commands.getOrDefault(database, Map.of());
        return counts.entrySet().stream().filter(e -> !except.contains(e.getKey()))
                .mapToLong(e -> e.getValue().get()).sum();
    }
}
