package io.github.session4j.reliability;

import io.github.session4j.SessionConfig;
import io.github.session4j.memory.MemorySessionInterface;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import io.github.session4j.testkit.ForwardingSessionInterface;
import io.github.session4j.testkit.MemorySideDoor;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The in-process {@code memory} backend. One instance plays the "server" that every app of the
 * suite shares (so that two apps of one test see the same records); its clock follows the clock
 * of the app opened last, and the apps get a view of it that does not close it. The side door is
 * the kit's {@link MemorySideDoor}.
 */
final class MemoryStore extends Store {

    private final FollowingClock clock = new FollowingClock();
    private final MemorySessionInterface shared = new MemorySessionInterface(clock);

    @Override
    String label() {
        return "memory";
    }

    @Override
    String type() {
        return "memory";
    }

    @Override
    Map<String, String> settings() {
        return Map.of();
    }

    @Override
    boolean followsConfigClock() {
        return true;
    }

    @Override
    Map<String, String> timeoutSettings(Duration timeout) {
        return Map.of();
    }

    @Override
    SessionInterface open(SessionConfig config, Clock clock) {
        this.clock.follow(clock);
        return new ForwardingSessionInterface(shared) {
            @Override
            public void close() {
                // shared by every app of the suite
            }
        };
    }

    @Override
    SideDoor sideDoor() {
        return new MemorySideDoor(List.of(shared), clock);
    }

    /** A clock that shows what another clock shows, switchable. */
    private static final class FollowingClock extends Clock {
        private volatile Clock target = Clock.systemUTC();

        void follow(Clock clock) {
            target = clock;
        }

        @Override
        public Instant instant() {
            return target.instant();
        }

        @Override
        public ZoneId getZone() {
            return target.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return target.withZone(zone);
        }
    }
}
