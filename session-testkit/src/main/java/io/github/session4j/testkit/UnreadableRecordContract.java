package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A corrupt or tampered record (planted through the side door) is treated as no session: the
 * request gets a fresh session under a fresh ID, the bad record is deleted, and
 * {@code SessionManager.stats()} counts it.
 */
abstract class UnreadableRecordContract extends LifecycleGroup {

    /** A secret of the length an application would use. */
    static final String SECRET = "tck-secret-0123456789abcdef0123456789abcdef0123456789abcdef";

    UnreadableRecordContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    @Test
    void aRecordOfRandomBytesIsDeletedAndCounted() {
        assertRefused(manager(), "random bytes", record -> {
            byte[] garbage = new byte[64];
            new Random(11L).nextBytes(garbage);
            return garbage;
        });
    }

    @Test
    void aTruncatedRecordIsDeletedAndCounted() {
        assertRefused(manager(), "its first half", record -> Arrays.copyOf(record, record.length / 2));
    }

    @Test
    void aTamperedSignedRecordIsDeletedAndCounted() {
        SessionManager signed = manager(Map.of("SECRET_KEY", SECRET));
        assertRefused(signed, "'guest' changed to 'admin' (or one byte flipped)", UnreadableRecordContract::tamper);
    }

    /**
     * Changes the role stored in plain sight, as an attacker with write access to the store would;
     * flips the last byte where the value is not visible.
     */
    private static byte[] tamper(byte[] record) {
        byte[] tampered = record.clone();
        byte[] guest = "guest".getBytes(StandardCharsets.UTF_8);
        byte[] admin = "admin".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + guest.length <= tampered.length; i++) {
            if (Arrays.equals(tampered, i, i + guest.length, guest, 0, guest.length)) {
                System.arraycopy(admin, 0, tampered, i, admin.length);
                return tampered;
            }
        }
        tampered[tampered.length - 1] ^= 0x01;
        return tampered;
    }

    private void assertRefused(SessionManager manager, String damage, UnaryOperator<byte[]> corrupt) {
        String id = newSession(manager, Map.of("role", "guest"));
        String key = manager.storeKey(id);
        byte[] record = sideDoor().read(key).orElseThrow(() -> new AssertionError("no record under " + key + " after a save"));
        sideDoor().write(key, corrupt.apply(record));
        long unreadableBefore = manager.stats().unreadableRecords();

        SessionContext context = request(manager, id);
        assertThat(context.session().isNew()).as("the session of a request whose record was replaced by %s", damage).isTrue();
        assertThat(context.session()).as("the values of a session whose record was replaced by %s", damage).isEmpty();
        assertThat(sideDoor().exists(key)).as("the side door finds the record replaced by %s after it was read", damage).isFalse();
        context.session().put("after", "fresh");
        String freshId = cookieId(context.commit(), "the commit of a session replacing an unreadable one");

        assertThat(freshId).as("the ID given instead of one whose record was unreadable").isNotEqualTo(id);
        assertThat(manager.stats().unreadableRecords()).as("stats().unreadableRecords() after reading %s", damage)
                .isEqualTo(unreadableBefore + 1);
        assertNoLiveSession(manager, id, "whose record was replaced by " + damage);
    }
}
