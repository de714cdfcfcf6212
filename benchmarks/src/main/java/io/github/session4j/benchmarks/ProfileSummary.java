package io.github.session4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of a profiled benchmark goes, from the JFR recordings that JMH's {@code -prof jfr}
 * wrote: CPU samples ({@code jdk.ExecutionSample}) by layer of the code on top of the stack, the
 * share that has session4j's own code anywhere on the stack, the hottest methods, and how many
 * samples found threads waiting in native code (socket reads: the round trips).
 *
 * <p>Usage: {@code ProfileSummary DIR OUTPUT.md}, DIR holding the {@code .jfr} files of one run.
 */
public final class ProfileSummary {

    private ProfileSummary() {
    }

    /**
     * Summarises.
     *
     * @param args the recordings' directory and the Markdown file to write
     */
    public static void main(String[] args) {
        try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
            List<Path> recordings = files.filter(p -> p.toString().endsWith(".jfr")).toList();
            Files.writeString(Path.of(args[1]), summarise(recordings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String summarise(List<Path> recordings) throws IOException {
        Map<String, Long> byLayer = new HashMap<>();
        Map<String, Long> byMethod = new HashMap<>();
        long cpu = 0;
        long inSession4j = 0;
        long waiting = 0;
        for (Path recording : recordings) {
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                String type = event.getEventType().getName();
                if (type.equals("jdk.NativeMethodSample")) {
                    waiting++;
                } else if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null
                        && !event.getStackTrace().getFrames().isEmpty()) {
                    cpu++;
                    List<RecordedFrame> frames = event.getStackTrace().getFrames();
                    String top = name(frames.get(0).getMethod());
                    byMethod.merge(top, 1L, Long::sum);
                    byLayer.merge(layer(top), 1L, Long::sum);
                    if (frames.stream().anyMatch(f -> isSession4j(name(f.getMethod())))) {
                        inSession4j++;
                    }
                }
            }
        }
        long samples = cpu;
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "CPU samples: %d; with session4j code on the stack: %s; samples of threads waiting"
                + " in native code (socket reads, fsync): %d.%n%n", cpu, percent(inSession4j, cpu), waiting));
        md.append("| layer (top frame) | share of CPU samples |\n|---|---|\n");
        byLayer.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> md.append("| ").append(e.getKey()).append(" | ").append(percent(e.getValue(), samples)).append(" |\n"));
        md.append("\n| hottest methods (self) | share |\n|---|---|\n");
        byMethod.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> md.append("| `").append(e.getKey()).append("` | ").append(percent(e.getValue(), samples)).append(" |\n"));
        return md.toString();
    }

    private static boolean isSession4j(String method) {
        return method.startsWith("io.github.session4j.") && !method.startsWith("io.github.session4j.benchmarks.");
    }

    static String layer(String method) {
        if (method.startsWith("io.github.session4j.benchmarks.") || method.startsWith("org.openjdk.jmh.")) {
            return "benchmark harness";
        }
        if (method.startsWith("io.github.session4j.codec.")) {
            return "session4j codec";
        }
        if (isSession4j(method)) {
            return method.startsWith("io.github.session4j.redis.") || method.startsWith("io.github.session4j.jdbc.")
                    || method.startsWith("io.github.session4j.mongo.") || method.startsWith("io.github.session4j.memcached.")
                    || method.startsWith("io.github.session4j.filesystem.") ? "session4j backend" : "session4j core";
        }
        if (method.startsWith("com.fasterxml.jackson.") || method.startsWith("org.msgpack.")) {
            return "Jackson / msgpack";
        }
        if (method.startsWith("io.lettuce.") || method.startsWith("io.netty.") || method.startsWith("reactor.")) {
            return "Lettuce / Netty";
        }
        if (method.startsWith("org.postgresql.") || method.startsWith("com.zaxxer.")) {
            return "PostgreSQL driver / HikariCP";
        }
        if (method.startsWith("com.mongodb.") || method.startsWith("org.bson.") || method.startsWith("de.bwaldvogel.")) {
            return "Mongo driver / mongo-java-server";
        }
        if (method.startsWith("net.spy.")) {
            return "spymemcached";
        }
        if (method.startsWith("org.springframework.")) {
            return "Spring";
        }
        if (method.startsWith("sun.security.") || method.startsWith("java.security.") || method.startsWith("com.sun.crypto.")) {
            return "JDK crypto (SHA-256, random)";
        }
        return method.startsWith("java.") || method.startsWith("jdk.") || method.startsWith("sun.") ? "JDK" : "other";
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
