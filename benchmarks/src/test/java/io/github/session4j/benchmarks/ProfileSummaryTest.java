package io.github.session4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The profile step of {@code scripts/bench.sh}: async-profiler's output turned into CPU per request. */
class ProfileSummaryTest {

    private static final Path PROFILER = Path.of("target/async-profiler/linux-x64/libasyncProfiler.so");

    @Test
    void samplesBecomeMicrosecondsPerRequestByLayerWithoutTheCompiler() {
        // 1,000 requests/s for 2 s, one sample per 500 µs: a sample is 0.25 µs per request
        ProfileSummary.Profile profile = new ProfileSummary.Profile(1_000, 2, 500_000);
        profile.add("[jmh-worker-1 tid=7];java/lang/Thread.run;io/github/session4j/SessionCommit.run;"
                + "io/github/session4j/codec/RecordFormat.write 40");
        profile.add("[lettuce-nioEventLoop-4-1 tid=9];java/lang/Thread.run;io/netty/channel/nio/NioEventLoop.run;"
                + "__GI_write;do_syscall_64_[k] 20");
        profile.add("[C2 CompilerThread0 tid=5];thread_native_entry;PhaseChaitin::elide_copy 1000");

        assertThat(profile.samples).isEqualTo(60);
        assertThat(profile.compilerSamples).isEqualTo(1000);
        assertThat(profile.cpuMicros()).isCloseTo(15.0, within(1e-9));
        assertThat(profile.micros(profile.byLayer.get("session4j codec"))).isCloseTo(10.0, within(1e-9));
        assertThat(profile.byLayer).containsOnlyKeys("session4j codec", "kernel (system calls, context switches)");
        assertThat(profile.session4jFrames).containsEntry("io/github/session4j/SessionCommit.run", 40L)
                .containsEntry("io/github/session4j/codec/RecordFormat.write", 40L);
    }

    @Test
    void layersFollowTheTopFrame() {
        assertThat(ProfileSummary.layer("finish_task_switch.isra.0_[k]")).startsWith("kernel");
        assertThat(ProfileSummary.layer("__GI_write")).startsWith("native");
        assertThat(ProfileSummary.layer("io/github/session4j/redis/ReplaceScript.run")).isEqualTo("session4j backend");
        assertThat(ProfileSummary.layer("io/github/session4j/Cookies.sessionCookie")).isEqualTo("session4j core");
        assertThat(ProfileSummary.layer("io/github/session4j/benchmarks/RawRedisTarget.write")).isEqualTo("benchmark harness");
        assertThat(ProfileSummary.layer("io/lettuce/core/protocol/CommandHandler.write")).isEqualTo("Lettuce / Netty");
    }

    @Test
    void profilesARealRunOfSession4jAndTheFloor(@TempDir Path run) throws Exception {
        assertThat(PROFILER).as("async-profiler is unpacked by the build (maven-dependency-plugin, process-test-resources)")
                .exists();
        for (String target : new String[] {"session4j-redis", "raw-redis"}) {
            new Runner(new OptionsBuilder()
                    .include(RequestBenchmark.class.getName().replace(".", "\\.") + "\\.modify")
                    .param("target", target).param("size", "1024")
                    .forks(0).threads(1).warmupIterations(0)
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(500))
                    .addProfiler("async", "libPath=" + PROFILER.toAbsolutePath() + ";event=cpu;interval=1000000;threads=true"
                            + ";output=collapsed;dir=" + run.resolve("profile-" + target))
                    .resultFormat(ResultFormatType.JSON).result(run.resolve("profile-" + target + ".json").toString())
                    .shouldFailOnError(true)
                    .build()).run();
        }
        Path summary = run.resolve("redis.md");

        ProfileSummary.main(new String[] {run.toString(), "redis", "1000000", "0.5", summary.toString()});

        String md = Files.readString(summary);
        assertThat(md).contains("| **all** |").contains("io.github.session4j.");
        assertThat(ProfileSummary.Profile.read(run, "session4j-redis", 1_000_000, 0.5).samples).isPositive();
    }
}
