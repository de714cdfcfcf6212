package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.StoredRecord;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The optional capabilities {@link ExpirySweeper}, {@link SessionCounter} and {@link RecordAppender}, for backends that
 * implement them (the tests are reported as skipped, with the reason, for the others). The sweeper
 * is checked in {@link ExpiryMode#CLOCK} mode only.
 */
abstract class CapabilityContract extends KitGroup {

    private static final int SWEEP_ROUNDS = 100;

    CapabilityContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void theSweeperDeletesExpiredRecordsAndKeepsLiveOnes() {
        ExpirySweeper sweeper = sweeper();
        List<String> expired = List.of(newKey(), newKey(), newKey());
        expired.forEach(key -> backend().create(key, bytes("short-lived"), shortTtl()));
        String live = newKey();
        backend().create(live, bytes("long-lived"), LONG_TTL);
        clock().advance(shortTtl().plusSeconds(1)); // no load: a load may remove an expired record itself

        long deleted = 0;
        for (int round = 0; round < SWEEP_ROUNDS; round++) {
            int swept = sweeper.sweepExpired(1000);
            deleted += swept;
            if (swept == 0) {
                break;
            }
        }

        assertThat(deleted).as("records deleted by sweepExpired (3 of this test had expired)").isGreaterThanOrEqualTo(3);
        expired.forEach(key -> assertThat(sideDoor().exists(key)).as("side door exists(%s) after a sweep", key).isFalse());
        assertStored(live, bytes("long-lived"), "after a sweep");
    }

    @Test
    void theSweeperDeletesNoMoreThanItsBound() {
        ExpirySweeper sweeper = sweeper();
        for (int i = 0; i < 3; i++) {
            backend().create(newKey(), bytes("short-lived"), shortTtl());
        }
        clock().advance(shortTtl().plusSeconds(1));

        assertThat(sweeper.sweepExpired(1)).as("sweepExpired(1) with at least 3 expired records").isEqualTo(1);
    }

    @Test
    void theCounterCountsLiveRecordsUnderTheConfiguredPrefix() {
        assumeTrue(backend() instanceof SessionCounter,
                () -> backend().getClass().getName() + " does not implement SessionCounter");
        SessionCounter counter = (SessionCounter) backend();
        String expiring = newKey();
        backend().create(expiring, bytes("short-lived"), shortTtl());
        backend().create(newKey(), bytes("one"), LONG_TTL);
        backend().create(newKey(), bytes("two"), LONG_TTL);
        backend().create(fixture().newKey(fixture().otherPrefix()), bytes("other prefix"), LONG_TTL);
        letExpire(expiring);

        assertThat(counter.countLive())
                .as("countLive() with 2 live records under %s, 1 expired, 1 under another prefix", prefix())
                .isEqualTo(2);
    }

    @Test
    void theAppenderAppendsOnTheExpectedVersionOnlyAndChangesIt() {
        RecordAppender appender = appender();
        String key = newKey();
        backend().create(key, bytes("base"), LONG_TTL);
        StoredRecord before = loaded(key, "after create");

        assertThat(appender.append(key, bytes("+one"), before.version(), LONG_TTL))
                .as("append(%s) with the version load returned", key).isTrue();
        StoredRecord after = assertStored(key, bytes("base+one"), "after an append");
        assertThat(after.version()).as("the version after an append").isNotEqualTo(before.version());
        assertThat(appender.append(key, bytes("+two"), after.version(), LONG_TTL))
                .as("a second append with the version the first one left").isTrue();
        assertStored(key, bytes("base+one+two"), "after two appends");

        assertThat(appender.append(key, bytes("+stale"), before.version(), LONG_TTL))
                .as("append(%s) with a version from before two appends", key).isFalse();
        assertStored(key, bytes("base+one+two"), "after an append with a stale version");
        String missing = newKey();
        assertThat(appender.append(missing, bytes("+x"), after.version(), LONG_TTL))
                .as("append to a key that holds nothing").isFalse();
        assertGone(missing, "after an append to it failed");
    }

    @Test
    void anEmptyRecordTakesNoAppendEvenOnItsVersion() {
        RecordAppender appender = appender();
        String key = newKey();
        backend().create(key, new byte[0], LONG_TTL);

        assertThat(appender.append(key, bytes("+tail"), loaded(key, "after creating an empty record").version(), LONG_TTL))
                .as("append to an empty record (the core's tombstone) with its own version").isFalse();
        assertStored(key, new byte[0], "after an append to an empty record");
    }

    @Test
    void anAppendSetsTheTimeToLive() {
        RecordAppender appender = appender();
        String key = newKey();
        backend().create(key, bytes("base"), LONG_TTL);

        assertThat(appender.append(key, bytes("+short"), loaded(key, "after create").version(), shortTtl())).isTrue();

        letExpire(key);
    }

    private RecordAppender appender() {
        assumeTrue(backend() instanceof RecordAppender,
                () -> backend().getClass().getName() + " does not implement RecordAppender");
        return (RecordAppender) backend();
    }

    private ExpirySweeper sweeper() {
        assumeTrue(backend() instanceof ExpirySweeper,
                () -> backend().getClass().getName() + " does not implement ExpirySweeper");
        assumeTrue(clockMode(), "the sweeper is checked in ExpiryMode.CLOCK only: in SERVER_TTL mode the server "
                + "removes expired records before a sweep can");
        return (ExpirySweeper) backend();
    }
}
