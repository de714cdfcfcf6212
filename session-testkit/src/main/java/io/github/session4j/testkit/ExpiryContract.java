package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.spi.StoredRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Records expire after their TTL: short real TTLs where the server expires records, the injected
 * clock where the backend filters on it. An expired record is never returned, replaced or
 * revived, even while the store still holds it.
 */
abstract class ExpiryContract extends KitGroup {

    ExpiryContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void aRecordExpiresAfterItsTtl() {
        String key = newKey();
        create(key, bytes("short-lived"), shortTtl());
        loaded(key, "right after create with a TTL of " + shortTtl());
        if (clockMode()) {
            clock().advance(shortTtl().minusSeconds(1));
            loaded(key, "one second before its TTL of " + shortTtl() + " ends");
            clock().advance(Duration.ofSeconds(2));
            assertThat(backend().load(key))
                    .as("load(%s) one second after its TTL of %s ended (the store may still hold it: %s)",
                            key, shortTtl(), sideDoor().exists(key))
                    .isEmpty();
        } else {
            letExpire(key);
        }
    }

    /** A key whose record was created with {@link #shortTtl()}, which has passed. */
    private String expiredKey() {
        String key = newKey();
        create(key, bytes("short-lived"), shortTtl());
        letExpire(key);
        return key;
    }

    @Test
    void theStoreReportsTheTtlItWasGiven() {
        String key = newKey();
        create(key, bytes("timed"), LONG_TTL);

        Optional<Duration> ttl = sideDoor().ttl(key);
        assertThat(ttl).as("the side door's TTL of %s, created with a TTL of %s", key, LONG_TTL).isPresent();
        assertThat(ttl.get()).as("the remaining TTL of %s right after create with %s", key, LONG_TTL)
                .isBetween(LONG_TTL.minusMinutes(1), LONG_TTL.plusSeconds(1));
        assertExpiresAtFits(loaded(key, "after create"), LONG_TTL, "after create");
    }

    @Test
    void aTtlOfThirtyOneDaysIsKept() {
        String key = newKey();
        Duration month = Duration.ofDays(31);
        create(key, bytes("long-lived"), month);

        loaded(key, "after create with a TTL of 31 days (memcached reads more than 30 days as a Unix time)");
        assertThat(sideDoor().ttl(key)).as("the side door's TTL of %s, created with 31 days", key)
                .hasValueSatisfying(left -> assertThat(left).as("remaining TTL").isGreaterThan(Duration.ofDays(30)));
    }

    @Test
    void anExpiredRecordCannotBeReplaced() {
        String key = newKey();
        create(key, bytes("short-lived"), shortTtl());
        long version = loaded(key, "right after create").version();
        letExpire(key);

        assertThat(replace(key, bytes("too late"), version, LONG_TTL))
                .as("replace(%s) of an expired record with its last version", key)
                .isFalse();
        assertThat(backend().load(key)).as("load(%s) after a replace of an expired record", key).isEmpty();
    }

    @Test
    void createOverAnExpiredRecordWins() {
        String key = expiredKey();

        assertThat(create(key, bytes("successor"), LONG_TTL))
                .as("create(%s) where only an expired record is (maybe still) stored", key)
                .isTrue();
        assertStored(key, bytes("successor"), "after create over an expired record");
    }

    @Test
    void touchDoesNotReviveAnExpiredRecord() {
        String key = expiredKey();

        backend().touch(key, LONG_TTL);

        assertThat(backend().load(key)).as("load(%s) after touching an expired record", key).isEmpty();
    }

    @Test
    void loadAndTouchOfAnExpiredRecordIsEmptyAndDoesNotReviveIt() {
        String key = expiredKey();

        assertThat(backend().loadAndTouch(key, LONG_TTL)).as("loadAndTouch(%s) of an expired record", key).isEmpty();
        assertThat(backend().load(key)).as("load(%s) after loadAndTouch of an expired record", key).isEmpty();
    }

    @Test
    void replaceSetsTheNewTtl() {
        String key = newKey();
        create(key, bytes("short-lived"), shortTtl());
        long version = loaded(key, "after create").version();

        assertThat(replace(key, bytes("long-lived"), version, LONG_TTL)).as("replace with the current version").isTrue();

        assertOutlivesShortTtl(key, "a replace with a TTL of " + LONG_TTL);
        StoredRecord record = assertStored(key, bytes("long-lived"), "after replace with a longer TTL");
        assertThat(record.version()).as("version after replace").isNotEqualTo(version);
    }

    @Test
    void replaceWithAShortTtlMakesTheRecordExpire() {
        String key = newKey();
        create(key, bytes("long-lived"), LONG_TTL);
        long version = loaded(key, "after create").version();

        assertThat(replace(key, bytes("short-lived"), version, shortTtl())).as("replace with the current version").isTrue();

        letExpire(key);
    }
}
