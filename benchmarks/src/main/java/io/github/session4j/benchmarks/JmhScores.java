package io.github.session4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The scores of a JMH run, read from its JSON result file ({@code -rf json}). */
final class JmhScores {

    /**
     * One score.
     *
     * @param method the benchmark method ({@code read} or {@code modify})
     * @param params the benchmark's parameters
     * @param threads the thread count
     * @param score operations per second
     * @param error the 99.9 % confidence half-width, NaN when JMH had too few iterations for one
     */
    record Score(String method, Map<String, String> params, int threads, double score, double error) {
    }

    private final List<Score> scores;

    private JmhScores(List<Score> scores) {
        this.scores = scores;
    }

    /**
     * Reads a result file; a missing file gives no scores.
     *
     * @param file the JSON file
     * @return the scores
     */
    static JmhScores read(Path file) {
        List<Score> scores = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                for (JsonNode run : new ObjectMapper().readTree(file.toFile())) {
                    String benchmark = run.get("benchmark").asText();
                    Map<String, String> params = new TreeMap<>();
                    run.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
                    JsonNode metric = run.get("primaryMetric");
                    scores.add(new Score(benchmark.substring(benchmark.lastIndexOf('.') + 1), params, run.get("threads").asInt(),
                            metric.get("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read JMH results " + file, e);
            }
        }
        return new JmhScores(scores);
    }

    /**
     * The score of a method with the given parameters.
     *
     * @param method {@code read} or {@code modify}
     * @param params parameter values that must all match
     * @return the score, if measured
     */
    Optional<Score> find(String method, Map<String, String> params) {
        return scores.stream().filter(s -> s.method().equals(method))
                .filter(s -> params.entrySet().stream().allMatch(p -> p.getValue().equals(s.params().get(p.getKey()))))
                .findFirst();
    }

    /**
     * Tells whether the run measured anything.
     *
     * @return true when empty
     */
    boolean isEmpty() {
        return scores.isEmpty();
    }
}
