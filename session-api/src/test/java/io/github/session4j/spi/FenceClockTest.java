package io.github.session4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The offset and deadline arithmetic of the write fence, with a server clock that runs a known
 * hour ahead of this one (a time source of the test's own: the backends feed it Redis' TIME and
 * MongoDB's localTime, tested against those servers in their modules).
 */
class FenceClockTest {

    private static final Duration AHEAD = Duration.ofHours(1);
    private final Supplier<Instant> anHourAhead = () -> Instant.now().plus(AHEAD);

    @Test
    void theDeadlineIsTheServersNowPlusTheTimeoutLessTheMargin() {
        Duration timeout = Duration.ofSeconds(2);
        try (FenceClock clock = new FenceClock(anHourAhead, timeout, "test-clock")) {
            clock.start();
            long before = Instant.now().plus(AHEAD).toEpochMilli();
            long deadline = clock.writeDeadline();
            long after = Instant.now().plus(AHEAD).toEpochMilli();
            long margin = clock.margin().toMillis();
            assertThat(margin).isBetween(FenceClock.GUARD.toMillis(), timeout.toMillis() / 2);
            // the measurement may be off by its error, which the margin includes
            assertThat(deadline).isBetween(before + timeout.toMillis() - 2 * margin, after + timeout.toMillis() - FenceClock.GUARD.toMillis());
        }
    }

    @Test
    void theMarginIsAtMostHalfTheTimeout() {
        try (FenceClock clock = new FenceClock(anHourAhead, Duration.ofMillis(120), "test-clock")) {
            clock.start();
            assertThat(clock.margin()).isEqualTo(Duration.ofMillis(60));
        }
    }

    @Test
    void aFailedRemeasurementKeepsTheLastOffset() {
        AtomicBoolean down = new AtomicBoolean();
        Supplier<Instant> server = () -> {
            if (down.get()) {
                throw new IllegalStateException("the server is down");
            }
            return Instant.now().plus(AHEAD);
        };
        try (FenceClock clock = new FenceClock(server, Duration.ofSeconds(1), "test-clock")) {
            clock.start();
            down.set(true);
            clock.remeasure();
            assertThat(clock.writeDeadline()).isGreaterThan(Instant.now().plus(AHEAD).toEpochMilli());
        }
    }

    @Test
    void aServerThatDoesNotAnswerAtStartUpFailsTheStart() {
        try (FenceClock clock = new FenceClock(() -> {
            throw new IllegalStateException("no answer");
        }, Duration.ofSeconds(1), "test-clock")) {
            assertThatThrownBy(clock::start).hasMessage("no answer");
            assertThatThrownBy(clock::writeDeadline).isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
        }
    }

    @Test
    void theTimeoutMustBePositive() {
        assertThatThrownBy(() -> new FenceClock(anHourAhead, Duration.ZERO, "test-clock"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
