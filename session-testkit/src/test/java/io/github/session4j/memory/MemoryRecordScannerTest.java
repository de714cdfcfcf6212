package io.github.session4j.memory;

import io.github.session4j.testkit.RecordScannerContract;
import java.util.Map;

/** The memory backend lists its records. */
class MemoryRecordScannerTest extends RecordScannerContract {

    @Override
    protected Map<String, String> settings() {
        return Map.of("SESSION_TYPE", "memory");
    }
}
