package io.github.session4j.benchmarks;

import java.util.Map;

/** The commands mongo-java-server handled on the benchmarks' database, each one a round trip. */
final class MongoCounter implements ServerCounter {

    private final InProcessMongo mongo;
    private final String database;

    MongoCounter(InProcessMongo mongo, String database) {
        this.mongo = mongo;
        this.database = database;
    }

    @Override
    public Map<String, Long> snapshot() {
        return mongo.commands(database);
    }

    @Override
    public long roundTrips(Map<String, Long> delta) {
        return delta.values().stream().mapToLong(Long::longValue).sum();
    }
}
