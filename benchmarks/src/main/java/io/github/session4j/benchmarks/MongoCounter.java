package io.github.session4j.benchmarks;

import io.github.session4j.servers.MongoJavaServer;
import java.util.Map;

/** The commands mongo-java-server handled on the benchmarks' database, each one a round trip. */
final class MongoCounter implements ServerCounter {

    private final MongoJavaServer mongo;
    private final String database;

    MongoCounter(MongoJavaServer mongo, String database) {
        this.mongo = mongo;
        this.database = database;
    }

    @Override
    public Map<String, Long> snapshot() {
        return mongo.commandsByName(database);
    }

    @Override
    public long roundTrips(Map<String, Long> delta) {
        return delta.values().stream().mapToLong(Long::longValue).sum();
    }
}
