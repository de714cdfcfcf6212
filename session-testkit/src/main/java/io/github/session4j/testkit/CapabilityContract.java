package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.Revalidation;
import io.github.session4j.spi.SessionCounter;
import io.github.session4j.spi.StoredRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The optional capabilities {@link ExpirySweeper}, {@link SessionCounter}, {@link RecordAppender} and
 * {@link RecordRevalidator}, for backends that have them ({@link
 * io.github.session4j.spi.SessionInterface#capability}; the tests are reported as skipped, with the
 * reason, for the others), and that the provider declares exactly those the backend has. The sweeper
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
        expired.forEach(key -> create(key, bytes("short-lived"), shortTtl()));
        String live = newKey();
        create(live, bytes("long-lived"), LONG_TTL);
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
            create(newKey(), bytes("short-lived"), shortTtl());
        }
        clock().advance(shortTtl().plusSeconds(1));

        assertThat(sweeper.sweepExpired(1)).as("sweepExpired(1) with at least 3 expired records").isEqualTo(1);
    }

    @Test
    void theCounterCountsLiveRecordsUnderTheConfiguredPrefix() {
        SessionCounter counter = capability(SessionCounter.class);
        String expiring = newKey();
        create(expiring, bytes("short-lived"), shortTtl());
        create(newKey(), bytes("one"), LONG_TTL);
        create(newKey(), bytes("two"), LONG_TTL);
        create(fixture().newKey(fixture().otherPrefix()), bytes("other prefix"), LONG_TTL);
        letExpire(expiring);

        assertThat(counter.countLive())
                .as("countLive() with 2 live records under %s, 1 expired, 1 under another prefix", prefix())
                .isEqualTo(2);
    }

    @Test
    void theAppenderAppendsOnTheExpectedVersionOnlyAndChangesIt() {
        appender();
        String key = newKey();
        create(key, bytes("base"), LONG_TTL);
        StoredRecord before = loaded(key, "after create");

        assertThat(append(key, bytes("+one"), before.version(), LONG_TTL))
                .as("append(%s) with the version load returned", key).isTrue();
        StoredRecord after = assertStored(key, bytes("base+one"), "after an append");
        assertThat(after.version()).as("the version after an append").isNotEqualTo(before.version());
        assertThat(append(key, bytes("+two"), after.version(), LONG_TTL))
                .as("a second append with the version the first one left").isTrue();
        assertStored(key, bytes("base+one+two"), "after two appends");

        assertThat(append(key, bytes("+stale"), before.version(), LONG_TTL))
                .as("append(%s) with a version from before two appends", key).isFalse();
        assertStored(key, bytes("base+one+two"), "after an append with a stale version");
        String missing = newKey();
        assertThat(append(missing, bytes("+x"), after.version(), LONG_TTL))
                .as("append to a key that holds nothing").isFalse();
        assertGone(missing, "after an append to it failed");
    }

    @Test
    void anEmptyRecordTakesNoAppendEvenOnItsVersion() {
        appender();
        String key = newKey();
        create(key, new byte[0], LONG_TTL);

        assertThat(append(key, bytes("+tail"), loaded(key, "after creating an empty record").version(), LONG_TTL))
                .as("append to an empty record (the core's tombstone) with its own version").isFalse();
        assertStored(key, new byte[0], "after an append to an empty record");
    }

    @Test
    void anAppendSetsTheTimeToLive() {
        appender();
        String key = newKey();
        create(key, bytes("base"), LONG_TTL);

        assertThat(append(key, bytes("+short"), loaded(key, "after create").version(), shortTtl())).isTrue();

        letExpire(key);
    }

    @Test
    void theRevalidatorTellsUnchangedOnlyForTheStoredVersion() {
        RecordRevalidator revalidator = revalidator();
        String key = newKey();
        create(key, bytes("first"), LONG_TTL);
        long first = loaded(key, "after create").version();

        Revalidation same = revalidator.revalidate(key, first, null);
        assertThat(same.isUnchanged()).as("revalidate(%s) with the version load returned", key).isTrue();
        assertThat(same.current()).as("an unchanged answer carries no record").isEmpty();

        OptionalLong second = Writes.replaceVersioned(backend(), key, bytes("second"), first, LONG_TTL);
        assertThat(second).as("replaceVersioned(%s) with the current version", key).isPresent();
        assertThat(loaded(key, "after replaceVersioned").version())
                .as("the version replaceVersioned reported is the one load returns").isEqualTo(second.getAsLong());

        Revalidation changed = revalidator.revalidate(key, first, null);
        assertThat(changed.isUnchanged()).as("revalidate(%s) with the version from before a replace", key).isFalse();
        assertThat(changed.current()).as("the record a changed answer carries").isPresent();
        assertSameBytes("the record a changed answer carries", bytes("second"), changed.current().get().data());
        assertThat(changed.current().get().version()).as("its version").isEqualTo(second.getAsLong());
        assertThat(revalidator.revalidate(key, second.getAsLong(), null).isUnchanged())
                .as("revalidate(%s) with the version replaceVersioned reported", key).isTrue();

        assertThat(Writes.replaceVersioned(backend(), key, bytes("stale"), first, LONG_TTL))
                .as("replaceVersioned(%s) with a stale version", key).isEmpty();
        assertStored(key, bytes("second"), "after a replaceVersioned with a stale version");

        backend().delete(key);
        Revalidation gone = revalidator.revalidate(key, second.getAsLong(), null);
        assertThat(gone.isUnchanged()).as("revalidate(%s) after a delete", key).isFalse();
        assertThat(gone.current()).as("the record of a deleted key").isEmpty();
    }

    @Test
    void theRevalidatorReportsTheVersionOfAnAppend() {
        RecordRevalidator revalidator = revalidator();
        appender();
        String key = newKey();
        create(key, bytes("base"), LONG_TTL);
        long base = loaded(key, "after create").version();

        OptionalLong appended = Writes.appendVersioned(backend(), key, bytes("+one"), base, LONG_TTL);

        assertThat(appended).as("appendVersioned(%s) with the current version", key).isPresent();
        StoredRecord after = assertStored(key, bytes("base+one"), "after appendVersioned");
        assertThat(after.version()).as("the version appendVersioned reported is the one load returns")
                .isEqualTo(appended.getAsLong());
        assertThat(revalidator.revalidate(key, appended.getAsLong(), null).isUnchanged())
                .as("revalidate(%s) with the version appendVersioned reported", key).isTrue();
        assertThat(Writes.appendVersioned(backend(), key, bytes("+stale"), base, LONG_TTL))
                .as("appendVersioned(%s) with a stale version", key).isEmpty();
    }

    @Test
    void aKeyCreatedAgainAfterADeleteHasANewVersion() {
        RecordRevalidator revalidator = revalidator();
        String key = newKey();
        create(key, bytes("before"), LONG_TTL);
        long before = loaded(key, "after the first create").version();
        backend().delete(key);
        create(key, bytes("after"), LONG_TTL);

        Revalidation answer = revalidator.revalidate(key, before, null);

        assertThat(answer.isUnchanged())
                .as("revalidate(%s) with the version of the record deleted before the key was created again", key)
                .isFalse();
        assertSameBytes("the record after the second create", bytes("after"), answer.current().orElseThrow().data());
    }

    @Test
    void revalidatingWithATimeToLiveSetsIt() {
        RecordRevalidator revalidator = revalidator();
        String unchanged = newKey();
        String changed = newKey();
        create(unchanged, bytes("kept"), shortTtl());
        create(changed, bytes("old"), shortTtl());
        long unchangedVersion = loaded(unchanged, "after create").version();
        long changedVersion = loaded(changed, "after create").version();
        Writes.replaceVersioned(backend(), changed, bytes("new"), changedVersion, shortTtl());

        assertThat(revalidator.revalidate(unchanged, unchangedVersion, LONG_TTL).isUnchanged()).isTrue();
        Revalidation answer = revalidator.revalidate(changed, changedVersion, LONG_TTL);
        assertThat(answer.isUnchanged()).isFalse();
        assertSameBytes("the changed record", bytes("new"), answer.current().orElseThrow().data());

        assertOutlivesShortTtl(unchanged, "revalidate with a long TTL on an unchanged record");
        assertOutlivesShortTtl(changed, "revalidate with a long TTL on a changed record");
    }

    @Test
    void revalidatingAnExpiredRecordFindsNothing() {
        RecordRevalidator revalidator = revalidator();
        String key = newKey();
        create(key, bytes("short-lived"), shortTtl());
        long version = loaded(key, "after create").version();

        letExpire(key);

        Revalidation answer = revalidator.revalidate(key, version, null);
        assertThat(answer.isUnchanged()).as("revalidate(%s) after its TTL passed", key).isFalse();
        assertThat(answer.current()).as("the record of an expired key").isEmpty();
    }

    @Test
    void theProviderDeclaresTheCapabilitiesTheBackendHas() {
        for (Class<?> known : List.of(ExpirySweeper.class, SessionCounter.class, RecordAppender.class, RecordRevalidator.class)) {
            assertThat(fixture().provider().capabilities().contains(known))
                    .as("%s.capabilities() lists %s, as %s.capability(%s) answers one",
                            fixture().provider().getClass().getSimpleName(), known.getSimpleName(),
                            backend().getClass().getSimpleName(), known.getSimpleName())
                    .isEqualTo(backend().capability(known).isPresent());
        }
    }

    @Test
    void aCapabilityIsTheBackendsOwnAndPassesThroughTheCountingWrapper() {
        CountingSessionInterface counted = fixture().countingBackend(fixture().config());
        for (Class<?> known : List.of(ExpirySweeper.class, SessionCounter.class, RecordAppender.class, RecordRevalidator.class)) {
            assertThat(counted.capability(known).isPresent()).as("the counting wrapper has %s", known.getSimpleName())
                    .isEqualTo(backend().capability(known).isPresent());
        }
        assertThat(backend().capability(Runnable.class)).as("a capability no backend has").isEmpty();
    }

    private <T> T capability(Class<T> type) {
        Optional<T> found = backend().capability(type);
        assumeTrue(found.isPresent(), () -> backend().getClass().getName() + " has no " + type.getSimpleName());
        return found.get();
    }

    private RecordRevalidator revalidator() {
        return capability(RecordRevalidator.class);
    }

    private void appender() {
        capability(RecordAppender.class);
    }

    private ExpirySweeper sweeper() {
        ExpirySweeper sweeper = capability(ExpirySweeper.class);
        assumeTrue(clockMode(), "the sweeper is checked in ExpiryMode.CLOCK only: in SERVER_TTL mode the server "
                + "removes expired records before a sweep can");
        return sweeper;
    }
}
