package io.github.session4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where session4j's time goes beside the raw floor's, for one backend: two CPU profiles of the
 * same benchmark (session4j's and the floor's modifying request, 1 KB, 1 thread), taken by JMH's
 * {@code -prof async} (async-profiler, {@code event=cpu}, {@code threads=true}, collapsed
 * stacks), turned into CPU microseconds per request with each run's JMH score.
 *
 * <p>Every sample is put in one layer by its top frame: the kernel (system calls, the context
 * switches of a round trip), the JVM's own native code (garbage collection, safepoints), or the
 * Java package it runs in. The JIT compiler's threads are left out: the benchmark moves them to a
 * CPU of their own, and compiling is not part of a request. The difference column says, layer by
 * layer, what session4j costs on top of the floor's one read and one write.
 *
 * <p>Usage: {@code ProfileSummary RUN_DIR BACKEND INTERVAL_NS MEASURED_SECONDS OUTPUT.md}, where
 * RUN_DIR holds {@code profile-session4j-BACKEND/} and {@code profile-raw-BACKEND/} (the
 * profiler's output directories) and {@code profile-*.json} (JMH's results).
 */
public final class ProfileSummary {

    private static final String COMPILER_THREAD = "CompilerThre";

    private ProfileSummary() {
    }

    /**
     * Summarises.
     *
     * @param args the run directory, the backend, the sampling interval in nanoseconds, the
     *             measured seconds of each profiled run, and the Markdown file to write
     */
    public static void main(String[] args) {
        Path run = Path.of(args[0]);
        String backend = args[1];
        long intervalNanos = Long.parseLong(args[2]);
        double measuredSeconds = Double.parseDouble(args[3]);
        try {
            Profile session4j = Profile.read(run, "session4j-" + backend, intervalNanos, measuredSeconds);
            Profile floor = Profile.read(run, "raw-" + backend, intervalNanos, measuredSeconds);
            Files.writeString(Path.of(args[4]), compare(session4j, floor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One target's profile: CPU time per request by layer, and session4j's own frames. */
    static final class Profile {
        final double requestsPerSecond;
        final double requests;
        final double sampleMicros;
        final Map<String, Long> byLayer = new HashMap<>();
        final Map<String, Long> session4jFrames = new HashMap<>();
        long samples;
        long compilerSamples;

        Profile(double requestsPerSecond, double measuredSeconds, long intervalNanos) {
            this.requestsPerSecond = requestsPerSecond;
            this.requests = requestsPerSecond * measuredSeconds;
            this.sampleMicros = intervalNanos / 1000.0;
        }

        static Profile read(Path run, String target, long intervalNanos, double measuredSeconds) throws IOException {
            double score = JmhScores.read(run.resolve("profile-" + target + ".json")).find("modify", Map.of("target", target))
                    .orElseThrow(() -> new IllegalStateException("no JMH score for " + target + " in " + run)).score();
            Profile profile = new Profile(score, measuredSeconds, intervalNanos);
            try (Stream<Path> files = Files.walk(run.resolve("profile-" + target))) {
                for (Path file : files.filter(p -> p.getFileName().toString().startsWith("collapsed")).toList()) {
                    Files.readAllLines(file).forEach(profile::add);
                }
            }
            return profile;
        }

        /**
         * Adds one line of collapsed stacks: frames from the root, separated by {@code ;}, then a
         * space and the sample count. With {@code threads=true} the root frame names the thread.
         */
        void add(String line) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                return;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            if (frames[0].contains(COMPILER_THREAD)) {
                compilerSamples += count;
                return;
            }
            samples += count;
            byLayer.merge(layer(frames[frames.length - 1]), count, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : frames) {
                if (isSession4j(frame) && seen.add(frame)) {
                    session4jFrames.merge(frame, count, Long::sum);
                }
            }
        }

        double micros(long sampleCount) {
            return requests == 0 ? 0 : sampleCount * sampleMicros / requests;
        }

        double cpuMicros() {
            return micros(samples);
        }

        double wallMicros() {
            return 1_000_000.0 / requestsPerSecond;
        }
    }

    static String compare(Profile session4j, Profile floor) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Per request: session4j %.0f µs of wall time (%,.0f requests/s), %.1f µs of JVM CPU;"
                + " the floor %.0f µs of wall time (%,.0f requests/s), %.1f µs of JVM CPU. Samples: %,d and %,d"
                + " (%,d and %,d more in the JIT compiler, left out).%n%n",
                session4j.wallMicros(), session4j.requestsPerSecond, session4j.cpuMicros(),
                floor.wallMicros(), floor.requestsPerSecond, floor.cpuMicros(),
                session4j.samples, floor.samples, session4j.compilerSamples, floor.compilerSamples));
        md.append("| layer (top frame) | session4j, µs of CPU per request | floor | difference |\n|---|---|---|---|\n");
        Set<String> layers = new TreeSet<>(session4j.byLayer.keySet());
        layers.addAll(floor.byLayer.keySet());
        List<String> ordered = new ArrayList<>(layers);
        ordered.sort((a, b) -> Double.compare(difference(session4j, floor, b), difference(session4j, floor, a)));
        for (String layer : ordered) {
            double mine = session4j.micros(session4j.byLayer.getOrDefault(layer, 0L));
            double theirs = floor.micros(floor.byLayer.getOrDefault(layer, 0L));
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %+.1f |%n", layer, mine, theirs, mine - theirs));
        }
        md.append(String.format(Locale.ROOT, "| **all** | **%.1f** | **%.1f** | **%+.1f** |%n%n",
                session4j.cpuMicros(), floor.cpuMicros(), session4j.cpuMicros() - floor.cpuMicros()));
        md.append("| session4j's own methods (on the stack anywhere) | µs of CPU per request |\n|---|---|\n");
        session4j.session4jFrames.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f |%n",
                        e.getKey().replace('/', '.'), session4j.micros(e.getValue()))));
        return md.toString();
    }

    private static double difference(Profile session4j, Profile floor, String layer) {
        return session4j.micros(session4j.byLayer.getOrDefault(layer, 0L)) - floor.micros(floor.byLayer.getOrDefault(layer, 0L));
    }

    private static boolean isSession4j(String frame) {
        return frame.startsWith("io/github/session4j/") && !frame.startsWith("io/github/session4j/benchmarks/");
    }

    /**
     * The layer of a top frame, as async-profiler names frames: {@code _[k]} for the kernel,
     * {@code pkg/Class.method} for Java (with {@code _[j]}, {@code _[i]} or {@code _[0]} for
     * compiled, interpreted or inlined frames when annotated), anything else native.
     *
     * @param frame the frame
     * @return the layer's name
     */
    static String layer(String frame) {
        if (frame.endsWith("_[k]")) {
            return "kernel (system calls, context switches)";
        }
        if (frame.startsWith("[") || !frame.contains("/")) {
            return "native: libc, JVM (GC, safepoints), vDSO";
        }
        if (frame.startsWith("io/github/session4j/benchmarks/") || frame.startsWith("org/openjdk/jmh/")) {
            return "benchmark harness";
        }
        if (frame.startsWith("io/github/session4j/codec/")) {
            return "session4j codec";
        }
        if (isSession4j(frame)) {
            return frame.matches("io/github/session4j/(redis|jdbc|mongo|memcached|filesystem|dynamodb)/.*")
                    ? "session4j backend" : "session4j core";
        }
        if (frame.startsWith("com/fasterxml/jackson/") || frame.startsWith("org/msgpack/")) {
            return "Jackson / msgpack";
        }
        if (frame.startsWith("io/lettuce/") || frame.startsWith("io/netty/") || frame.startsWith("reactor/")) {
            return "Lettuce / Netty";
        }
        if (frame.startsWith("org/postgresql/") || frame.startsWith("com/zaxxer/")) {
            return "PostgreSQL driver / HikariCP";
        }
        if (frame.startsWith("com/mongodb/") || frame.startsWith("org/bson/") || frame.startsWith("de/bwaldvogel/")) {
            return "Mongo driver / mongo-java-server";
        }
        if (frame.startsWith("software/amazon/awssdk/")) {
            return "AWS SDK";
        }
        if (frame.startsWith("net/spy/")) {
            return "spymemcached";
        }
        if (frame.startsWith("sun/security/") || frame.startsWith("java/security/") || frame.startsWith("com/sun/crypto/")
                || frame.startsWith("javax/crypto/")) {
            return "JDK crypto (HMAC, SHA, random)";
        }
        if (frame.startsWith("sun/nio/") || frame.startsWith("java/nio/")) {
            return "JDK NIO";
        }
        if (frame.startsWith("java/util/concurrent/")) {
            return "JDK concurrency (futures, locks)";
        }
        return frame.startsWith("java/") || frame.startsWith("jdk/") || frame.startsWith("sun/") ? "JDK, other" : "other";
    }
}
