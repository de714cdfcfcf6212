package io.github.session4j.reliability;

import io.github.session4j.SessionConfig;
import io.github.session4j.memory.MemorySessionInterface;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import io.github.session4j.testkit.SideDoor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-process {@code memory} backend. One instance plays the "server" that every app of the
 * suite shares (so that two apps of one test see the same records); its clock follows the clock
 * of the app opened last, and the apps get a view of it that does not close it.
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
        return new Unclosed(shared);
    }

    @Override
    SideDoor sideDoor() {
        return new SideDoor() {
            @Override
            public Optional<byte[]> read(String key) {
                return shared.peek(key);
            }

            @Override
            public void write(String key, byte[] record) {
                if (!shared.overwrite(key, record)) {
                    throw new IllegalStateException("no record under " + key + " to overwrite");
                }
            }

            @Override
            public boolean exists(String key) {
                return shared.peek(key).isPresent();
            }

            @Override
            public List<String> keys(String prefix) {
                return shared.keys(prefix);
            }

            @Override
            public Optional<Duration> ttl(String key) {
                return shared.expiryOf(key).map(at -> Duration.between(clock.instant(), at));
            }
        };
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

    /** The shared backend, whose {@code close} does nothing. */
    private static final class Unclosed implements SessionInterface {
        private final SessionInterface delegate;

        Unclosed(SessionInterface delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<StoredRecord> load(String key) {
            return delegate.load(key);
        }

        @Override
        public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
            return delegate.loadAndTouch(key, ttl);
        }

        @Override
        public boolean refreshesInLoad() {
            return delegate.refreshesInLoad();
        }

        @Override
        public WriteResult write(RecordWrite write) {
            return delegate.write(write);
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return delegate.capability(type);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }

        @Override
        public void touch(String key, Duration ttl) {
            delegate.touch(key, ttl);
        }

        @Override
        public void close() {
            // shared by every app of the suite
        }
    }
}
