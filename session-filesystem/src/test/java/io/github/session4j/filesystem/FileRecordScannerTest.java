package io.github.session4j.filesystem;

import io.github.session4j.testkit.RecordScannerContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem backend lists its files leaf directory by leaf directory. */
class FileRecordScannerTest extends RecordScannerContract {

    @TempDir
    Path dir;

    @Override
    protected Map<String, String> settings() {
        return Map.of("SESSION_TYPE", "filesystem", "SESSION_FILE_DIR", dir.resolve("sessions").toString(),
                "SESSION_FILE_SWEEP_INTERVAL", "0s");
    }
}
