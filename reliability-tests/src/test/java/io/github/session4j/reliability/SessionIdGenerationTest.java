package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.memory.MemorySessionInterface;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Item 1: generated IDs are unique, of the configured length and alphabet. Not per backend: IDs
 * are made by the core before any store is involved. IDs are drawn through the public API (the
 * ID a new session would get), with no store call.
 */
class SessionIdGenerationTest {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    @ParameterizedTest(name = "{0} IDs of SESSION_ID_LENGTH={1}")
    @CsvSource({"1000000, 32, 43", "100000, 16, 22"})
    void idsAreUniqueAndHaveTheConfiguredLengthAndAlphabet(int count, int bytes, int characters) {
        SessionConfig config = SessionConfig.builder().put("SESSION_TYPE", "memory")
                .put("SESSION_ID_LENGTH", Integer.toString(bytes)).build();
        try (SessionManager manager = SessionManager.builder(config)
                .backend("memory", new MemorySessionInterface(Clock.systemUTC())).build()) {
            long[] leading = new long[count];
            long[] ones = new long[8];
            for (int i = 0; i < count; i++) {
                String id = manager.begin(RequestHeaders.none()).sessionId();
                if (id.length() != characters || !BASE64URL.matcher(id).matches()) {
                    throw new AssertionError("ID number " + i + " has " + id.length() + " characters (want "
                            + characters + ") or leaves the base64url alphabet");
                }
                byte[] decoded = Base64.getUrlDecoder().decode(id);
                assertThat(decoded).hasSize(bytes);
                leading[i] = ByteBuffer.wrap(decoded).getLong();
                for (int bit = 0; bit < 8; bit++) {
                    ones[bit] += (decoded[0] >> bit) & 1;
                }
            }
            // Distinct first 64 bits prove the IDs distinct (a 64-bit clash among a million random
            // IDs has a chance of about 3e-8).
            Arrays.sort(leading);
            for (int i = 1; i < count; i++) {
                assertThat(leading[i]).as("IDs %d and %d of the sorted list share their first 64 bits", i - 1, i)
                        .isNotEqualTo(leading[i - 1]);
            }
            // Each bit of the first byte is set in about half of the IDs (here 6 standard deviations).
            double tolerance = 6 * Math.sqrt(count) / 2;
            for (long set : ones) {
                assertThat((double) set).isBetween(count / 2.0 - tolerance, count / 2.0 + tolerance);
            }
            assertThat(manager.stats().loads() + manager.stats().creates()).as("no store call").isZero();
        }
    }
}
