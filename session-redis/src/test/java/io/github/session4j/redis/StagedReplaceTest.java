package io.github.session4j.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How {@link StagedReplace} names a save's staged value; no server needed. */
class StagedReplaceTest {

    private static final long VERSION = 0x0123456789abcdefL;

    @Test
    void onOneServerTheStagedKeyIsTheKeyFollowedByTheNewVersion() {
        assertThat(staged("session:abc", false)).isEqualTo("session:abc.staged.0123456789abcdef");
    }

    @Test
    void onAClusterAKeyWithoutHashTagIsBracedSoTheStagedKeySharesItsSlot() {
        String key = TestKeys.key("session:");

        String staged = staged(key, true);

        assertThat(staged).isEqualTo("{" + key + "}.staged.0123456789abcdef");
        assertThat(slot(staged)).isEqualTo(slot(key));
    }

    @Test
    void onAClusterAKeyWithAHashTagKeepsItAndIsOnlyFollowedByTheVersion() {
        String key = TestKeys.key("{tenant7}:session:");

        String staged = staged(key, true);

        assertThat(staged).isEqualTo(key + ".staged.0123456789abcdef");
        assertThat(slot(staged)).isEqualTo(slot(key));
    }

    @Test
    void onAClusterAPrefixWithUnbalancedBracesGetsNoStagedKeyUnlessOneSharesTheSlot() {
        for (int i = 0; i < 200; i++) {
            String key = TestKeys.key("a}b{");
            byte[] staged = StagedReplace.stagedKey(bytes(key), VERSION, true);
            if (staged != null) {
                assertThat(SlotHash.getSlot(staged)).isEqualTo(slot(key));
            }
        }
        assertThat(StagedReplace.stagedKey(bytes("a}b{x"), VERSION, true)).isNull();
    }

    @Test
    void stagedKeysAreRecognisedAndSessionKeysAreNot() {
        String key = TestKeys.key("session:");

        assertThat(StagedReplace.isStaged(bytes(staged(key, false)))).isTrue();
        assertThat(StagedReplace.isStaged(bytes(staged(key, true)))).isTrue();
        assertThat(StagedReplace.isStaged(bytes(key))).isFalse();
        assertThat(StagedReplace.isStaged(bytes("x"))).isFalse();
    }

    @Test
    void recordsFromTheThresholdOnAreStaged() {
        assertThat(StagedReplace.worthStaging(StagedReplace.THRESHOLD_BYTES - 1)).isFalse();
        assertThat(StagedReplace.worthStaging(StagedReplace.THRESHOLD_BYTES)).isTrue();
    }

    private static String staged(String key, boolean cluster) {
        return new String(StagedReplace.stagedKey(bytes(key), VERSION, cluster), StandardCharsets.UTF_8);
    }

    private static int slot(String key) {
        return SlotHash.getSlot(bytes(key));
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
