package io.github.session4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, in this JVM, for a tenth of a second: every target and request
 * shape must work against its real server, so the benchmarks cannot rot between full runs.
 */
class BenchmarkSmokeTest {

    @Test
    void everyRequestBenchmarkRuns() throws RunnerException {
        Collection<RunResult> results = run(RequestBenchmark.class.getName(), "size", "1024");

        assertThat(results).hasSize(Targets.ALL.size() * 2);
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void theMetricsOverheadBenchmarkRuns() throws RunnerException {
        Collection<RunResult> results = run(MetricsOverheadBenchmark.class.getName(), "size", "1024");

        assertThat(results).singleElement().satisfies(r -> assertThat(r.getSecondaryResults()).containsKeys("withoutMetrics", "withMetrics")
                .allSatisfy((name, result) -> assertThat(result.getScore()).as(name).isPositive()));
    }

    @Test
    void everyScaleBenchmarkRuns() throws RunnerException {
        for (String backend : new String[] {"redis", "jdbc", "filesystem"}) {
            Populate.add(backend, 20);
            assertThat(Population.count(backend)).as(backend).isGreaterThanOrEqualTo(20);
        }

        Collection<RunResult> results = run(ScaleBenchmark.class.getName(), "population", "20");

        assertThat(results).hasSize(3 * 2);
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    private static Collection<RunResult> run(String benchmark, String param, String value) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(benchmark.replace(".", "\\.") + "\\.")
                .param(param, value)
                .forks(0)
                .threads(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build();
        return new Runner(options).run();
    }
}
