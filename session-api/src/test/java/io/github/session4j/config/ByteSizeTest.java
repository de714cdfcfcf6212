package io.github.session4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({"512,512", "512B,512", "512 b,512", "64K,65536", "64KB,65536", "64kib,65536", "64 KiB,65536",
        "1MB,1048576", "1MiB,1048576", "1m,1048576", "2GB,2147483648", "1GiB,1073741824", "' 7 ',7"})
    void acceptedForms(String value, long bytes) {
        assertThat(ByteSize.parse("SESSION_MAX_SIZE", value)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5MB", "1TB", "64Ki", "64iB", "MB", "99999999999999999999",
        "9999999999999GB"})
    void refusedForms(String value) {
        assertThatThrownBy(() -> ByteSize.parse("session.max.size", value))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_MAX_SIZE was '" + value + "' but it must be a size in bytes such as 512,"
                        + " 64KB, 1MB or 1MiB (KB, MB and GB count in 1024s, like KiB, MiB and GiB)");
    }
}
