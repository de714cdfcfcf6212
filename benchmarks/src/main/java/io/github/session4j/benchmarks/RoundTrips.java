package io.github.session4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Round trips per request of each target, read from the servers' own statistics (Redis
 * {@code INFO commandstats}, memcached {@code stats}, PostgreSQL {@code pg_stat_database},
 * mongo-java-server's command count).
 *
 * <p>After a first run that creates what a target creates once (tables, indexes), three runs, each connecting, storing one session, doing its requests and closing:
 * no requests, {@value #REQUESTS} reads, {@value #REQUESTS} modifying requests. The first run's
 * counts (connecting, start-up checks, creating the session) are taken off the other two, so what
 * is left is the requests' own cost, divided by their number.
 *
 * <p>Usage: {@code RoundTrips OUTPUT.tsv [TARGET...]}.
 */
public final class RoundTrips {

    /** Requests of each shape per measurement. */
    static final int REQUESTS = 200;

    /**
     * The cost of one request shape of one target.
     *
     * @param target the target
     * @param shape {@code read} or {@code modify}
     * @param roundTrips round trips per request
     * @param counters every counter that moved, per request
     */
    record Cost(String target, String shape, double roundTrips, Map<String, Double> counters) {
    }

    private RoundTrips() {
    }

    /**
     * Measures the targets and writes a TSV.
     *
     * @param args the output file, then target names (default: all with a server)
     */
    public static void main(String[] args) {
        try {
            measureAll(args);
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            System.exit(1); // a failure, too, must not leave the JVM running on those threads
        }
        System.exit(0); // Lettuce's and the Mongo driver's non-daemon threads must not keep the JVM alive
    }

    private static void measureAll(String[] args) {
        List<String> targets = args.length > 1 ? List.of(args).subList(1, args.length)
                : Targets.ALL.stream().filter(t -> !t.endsWith("filesystem")).toList();
        List<String> lines = new ArrayList<>();
        lines.add("target\tshape\tround_trips\tcounters");
        for (String target : targets) {
            for (Cost cost : measure(target, 1024)) {
                StringBuilder counters = new StringBuilder();
                cost.counters().forEach((name, value) -> counters.append(counters.length() == 0 ? "" : " ")
                        .append(name).append('=').append(format(value)));
                lines.add(cost.target() + "\t" + cost.shape() + "\t" + format(cost.roundTrips()) + "\t" + counters);
                System.out.println(lines.get(lines.size() - 1));
            }
        }
        try {
            Files.write(Path.of(args[0]), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Measures one target's read and modifying requests.
     *
     * @param target a target name
     * @param size the session's data size
     * @return the read cost and the modify cost
     */
    static List<Cost> measure(String target, int size) {
        try (ServerCounter counter = counterFor(target)) {
            // a first run creates tables and indexes, which later runs only check: not part of the overhead
            Map<String, Long> start = run(target, size, counter, 0, (t, h) -> { });
            Map<String, Long> afterNothing = run(target, size, counter, 0, (t, h) -> { });
            Map<String, Long> afterReads = run(target, size, counter, REQUESTS, SessionTarget::read);
            Map<String, Long> afterModifies = run(target, size, counter, REQUESTS, SessionTarget::modify);
            Map<String, Long> overhead = minus(afterNothing, start);
            return List.of(cost(target, "read", counter, minus(minus(afterReads, afterNothing), overhead)),
                    cost(target, "modify", counter, minus(minus(afterModifies, afterReads), overhead)));
        }
    }

    private static Map<String, Long> run(String target, int size, ServerCounter counter, int requests,
            BiConsumer<SessionTarget, String> request) {
        try (SessionTarget connected = Targets.open(target, size)) {
            String handle = connected.newSession();
            for (int i = 0; i < requests; i++) {
                request.accept(connected, handle);
            }
        }
        if (counter.settleMillis() > 0) {
            Sleep.millis(counter.settleMillis());
        }
        return counter.snapshot();
    }

    private static Cost cost(String target, String shape, ServerCounter counter, Map<String, Long> delta) {
        Map<String, Double> perRequest = new TreeMap<>();
        delta.forEach((name, value) -> {
            if (value != 0) {
                perRequest.put(name, value / (double) REQUESTS);
            }
        });
        return new Cost(target, shape, counter.roundTrips(delta) / (double) REQUESTS, perRequest);
    }

    private static Map<String, Long> minus(Map<String, Long> later, Map<String, Long> earlier) {
        Map<String, Long> delta = new TreeMap<>();
        later.forEach((name, value) -> delta.put(name, value - earlier.getOrDefault(name, 0L)));
        earlier.forEach((name, value) -> delta.putIfAbsent(name, -value));
        return delta;
    }

    /**
     * The server counter of a target's store.
     *
     * @param target a target name
     * @return the counter
     * @throws IllegalArgumentException for the filesystem, which has no server
     */
    static ServerCounter counterFor(String target) {
        String store = target.substring(target.indexOf('-') + 1);
        if (store.endsWith(Targets.CACHED)) {
            store = store.substring(0, store.length() - Targets.CACHED.length());
        }
        if (store.endsWith(Targets.DELTA)) {
            store = store.substring(0, store.length() - Targets.DELTA.length());
        }
        if (store.startsWith("redis")) { // spring-redis-indexed too
            return new RedisCounter(Servers.redisPort());
        }
        return switch (store) {
            case "memcached" -> new MemcachedCounter(Servers.memcachedPort());
            case "mongodb" -> new MongoCounter(Servers.mongo(), Targets.MONGO_DATABASE);
            case "dynamodb" -> new DynaliteCounter(Servers.dynalite());
            case "jdbc" -> new PostgresCounter(Servers.postgres());
            default -> throw new IllegalArgumentException("no server counts the round trips of " + target);
        };
    }

    static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
