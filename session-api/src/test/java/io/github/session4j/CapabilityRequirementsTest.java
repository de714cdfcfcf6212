package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Setting;
import io.github.session4j.memory.MemorySessionInterface;
import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordRevalidator;
import io.github.session4j.spi.SessionInterface;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings that need a capability, and the start-up message when none on the classpath has it. */
class CapabilityRequirementsTest {

    @Test
    void eachCapabilityDependentSettingDeclaresItsCapabilityOnItsDescriptor() {
        List<Setting<?>> needing = CoreKeys.settings().stream().filter(s -> s.requires().isPresent()).toList();
        assertThat(needing).extracting(Setting::key)
                .containsExactly("SESSION_CLEANUP_N_REQUESTS", "SESSION_DELTA_WRITES", "SESSION_RECORD_CACHE", "SESSION_PRINCIPAL_INDEX");
        List<Class<?>> capabilities = needing.stream().<Class<?>>map(s -> s.requires().orElseThrow().type()).toList();
        assertThat(capabilities).containsExactly(ExpirySweeper.class, RecordAppender.class, RecordRevalidator.class, PrincipalIndex.class);
    }

    /** Checks a backend without capabilities, the only one on its classpath, with {@code SESSION_DELTA_WRITES} set. */
    private static void checkPlainBackend(String deltaWrites) {
        SessionConfig config = SessionConfig.builder().put("SESSION_TYPE", "plain").put("SESSION_DELTA_WRITES", deltaWrites).build();
        SessionInterface plain = CountingSessionInterface.withoutCapabilities(new MemorySessionInterface(Clock.systemUTC()));
        GivenBackend provider = new GivenBackend("plain", plain);
        CoreSettings.validate(config, provider, List.of(provider));
        CapabilityRequirements.check(config, plain, "plain", null, List.of(provider));
    }

    @Test
    void withNoBackendOnTheClasspathThatHasItTheMessageSaysToAddOneWhoseReadmeListsIt() {
        assertThatThrownBy(() -> checkPlainBackend(" true "))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_DELTA_WRITES was 'true' but the plain backend in use cannot append to a stored"
                        + " record: it has no RecordAppender. No backend on the classpath has it: add one whose README"
                        + " lists RecordAppender and set SESSION_TYPE to it, or unset SESSION_DELTA_WRITES.");
    }

    @Test
    void aSettingLeftOffNeedsNothing() {
        assertThatCode(() -> checkPlainBackend("false")).doesNotThrowAnyException();
    }
}
