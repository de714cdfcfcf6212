package io.github.session4j.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class FilesystemSettingsTest {

    private static FilesystemSettings from(SessionConfig config) {
        return FilesystemSettings.from(config, config.getString("SESSION_KEY_PREFIX", "session:"));
    }

    @Test
    void defaultsFollowFlaskSession() {
        FilesystemSettings settings = from(SessionConfig.builder().build());

        assertThat(settings.directory()).isEqualTo(Path.of("flask_session").toAbsolutePath());
        assertThat(FilesystemSettings.octal(settings.fileMode())).isEqualTo("0600");
        assertThat(FilesystemSettings.octal(settings.directoryMode())).isEqualTo("0700");
        assertThat(settings.threshold()).isZero();
        assertThat(settings.sweepInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.keyPrefix()).isEqualTo("session:");
    }

    @Test
    void readsBothSpellings() {
        FilesystemSettings settings = from(SessionConfig.builder()
                .put("session.file.dir", "/srv/sessions")
                .put("SESSION_FILE_MODE", "640")
                .put("session.file.threshold", "500")
                .put("SESSION_FILE_SWEEP_INTERVAL", "0s")
                .put("SESSION_KEY_PREFIX", "app:")
                .build());

        assertThat(settings.directory()).isEqualTo(Path.of("/srv/sessions"));
        assertThat(FilesystemSettings.octal(settings.fileMode())).isEqualTo("0640");
        assertThat(FilesystemSettings.octal(settings.directoryMode())).isEqualTo("0750");
        assertThat(settings.threshold()).isEqualTo(500);
        assertThat(settings.sweepInterval()).isZero();
        assertThat(settings.keyPrefix()).isEqualTo("app:");
    }

    @Test
    void reportsEveryInvalidSettingInOneMessage() {
        SessionConfig config = SessionConfig.builder()
                .put("SESSION_FILE_DIR", "bad\0path")
                .put("SESSION_FILE_MODE", "0666")
                .put("SESSION_FILE_THRESHOLD", "0")
                .put("SESSION_FILE_SWEEP_INTERVAL", "soon")
                .build();

        assertThatThrownBy(() -> from(config))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration of the filesystem backend (4 problems):\n"
                        + "  - SESSION_FILE_DIR was 'bad\0path' but it is not a valid path: Nul character not allowed\n"
                        + "  - SESSION_FILE_MODE was '0666' but session files must not be writable by group or others"
                        + " (anyone who can write them can forge sessions); use 0600 or 0640\n"
                        + "  - SESSION_FILE_THRESHOLD was '0' but it must be a positive number of sessions; leave it unset for no limit\n"
                        + "  - SESSION_FILE_SWEEP_INTERVAL was 'soon' but it must be a duration such as 500ms, 30s, 30m, 12h, 31d or PT30M");
    }

    @Test
    void refusesModesThatAreNotOctalOrLockTheOwnerOut() {
        assertThatThrownBy(() -> from(SessionConfig.builder().put("SESSION_FILE_MODE", "rw").build()))
                .hasMessageContaining("SESSION_FILE_MODE was 'rw' but it must be an octal file mode such as 0600");
        assertThatThrownBy(() -> from(SessionConfig.builder().put("SESSION_FILE_MODE", "0400").build()))
                .hasMessageContaining("SESSION_FILE_MODE was '0400' but the owner must be able to read and write session files, as in 0600");
        assertThatThrownBy(() -> from(SessionConfig.builder().put("SESSION_FILE_THRESHOLD", "lots").build()))
                .hasMessageContaining("SESSION_FILE_THRESHOLD was 'lots' but it must be a positive number");
        assertThatThrownBy(() -> from(SessionConfig.builder().put("SESSION_FILE_SWEEP_INTERVAL", "PT-1S").build()))
                .hasMessageContaining("SESSION_FILE_SWEEP_INTERVAL was 'PT-1S' but it must not be negative; use 0s to run no background sweeper");
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndListsItsKeys() {
        SessionInterfaceProvider provider = ServiceLoader.load(SessionInterfaceProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("filesystem"))
                .findFirst().orElseThrow();

        assertThat(provider).isInstanceOf(FilesystemSessionInterfaceProvider.class);
        assertThat(provider.artifact()).isEqualTo("io.github.session4j:session-filesystem");
        assertThat(provider.configKeys()).containsExactlyInAnyOrder(
                "SESSION_FILE_DIR", "SESSION_FILE_MODE", "SESSION_FILE_THRESHOLD", "SESSION_FILE_SWEEP_INTERVAL");
    }
}
