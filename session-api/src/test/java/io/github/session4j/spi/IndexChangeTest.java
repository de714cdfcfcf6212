package io.github.session4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IndexChangeTest {

    private static final String PK = "p".repeat(43);
    private static final String NEW_KEY = "session:" + "n".repeat(43);

    @Test
    void aDeferrableAddIsStillTheAddOfItsPrincipalKey() {
        IndexChange deferrable = IndexChange.add(PK).deferrable();
        assertThat(deferrable.added()).contains(PK);
        assertThat(deferrable.removed()).isEmpty();
        assertThat(deferrable.isDeferrable()).isTrue();
        assertThat(deferrable.isNone()).isFalse();
        assertThat(deferrable).isNotEqualTo(IndexChange.add(PK)).isEqualTo(IndexChange.add(PK).deferrable());
        assertThat(IndexChange.add(PK).isDeferrable()).isFalse();
    }

    @Test
    void aHandOverIsARemovalThatNamesTheNewKey() {
        IndexChange handOver = IndexChange.remove(PK).handingOverTo(NEW_KEY);
        assertThat(handOver.removed()).contains(PK);
        assertThat(handOver.added()).isEmpty();
        assertThat(handOver.handedOverTo()).contains(NEW_KEY);
        assertThat(handOver).isNotEqualTo(IndexChange.remove(PK)).hasSameHashCodeAs(IndexChange.remove(PK).handingOverTo(NEW_KEY));
        assertThat(IndexChange.remove(PK).handedOverTo()).isEmpty();
    }

    @Test
    void onlyAPlainAddDefersAndOnlyAPlainRemoveHandsOver() {
        assertThatThrownBy(() -> IndexChange.none().deferrable()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IndexChange.remove(PK).deferrable()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IndexChange.move(PK, "q".repeat(43)).deferrable()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IndexChange.add(PK).handingOverTo(NEW_KEY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IndexChange.none().handingOverTo(NEW_KEY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IndexChange.remove(PK).handingOverTo(NEW_KEY).handingOverTo(NEW_KEY))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IndexChange.remove(PK).handingOverTo(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringNamesNeitherThePrincipalKeyNorTheNewKey() {
        assertThat(IndexChange.add(PK).deferrable().toString()).isEqualTo("IndexChange[add,deferrable]");
        assertThat(IndexChange.remove(PK).handingOverTo(NEW_KEY).toString()).isEqualTo("IndexChange[remove,handing over]")
                .doesNotContain(PK).doesNotContain(NEW_KEY);
    }

    @Test
    void aBackendWithoutTheIndexRefusesTheNewPartsToo() {
        RecordWrite create = new RecordWrite.Create(NEW_KEY, new byte[] {1}, Duration.ofMinutes(1), IndexChange.add(PK).deferrable());
        RecordWrite tombstone = new RecordWrite.Replace("session:" + "o".repeat(43), new byte[0], 1, Duration.ofMinutes(1),
                IndexChange.remove(PK).handingOverTo(NEW_KEY));
        assertThatThrownBy(() -> RecordWrite.requireNoIndexChange(create, "test")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordWrite.requireNoIndexChange(tombstone, "test")).isInstanceOf(IllegalArgumentException.class);
    }
}
