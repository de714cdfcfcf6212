package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordBytesTest {

    @Test
    void bytesReadWholeAreHandedBackAsTheyCame() {
        byte[] record = {1, 2, 3};

        RecordBytes bytes = RecordBytes.of(record);

        assertThat(bytes.length()).isEqualTo(3);
        assertThat(bytes.whole()).isSameAs(record);
    }

    @Test
    void framesAreJoinedOnceInOrderWithoutChangingWhatCameBefore() {
        byte[] record = {1, 2, 3};
        RecordBytes base = RecordBytes.of(record);

        RecordBytes once = base.plus(new byte[] {4});
        RecordBytes twice = once.plus(new byte[] {5, 6});

        assertThat(twice.length()).isEqualTo(6);
        assertThat(twice.whole()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(twice.whole()).as("joined once").isSameAs(twice.whole());
        assertThat(once.whole()).containsExactly(1, 2, 3, 4);
        assertThat(base.whole()).isSameAs(record).containsExactly(1, 2, 3);
    }
}
