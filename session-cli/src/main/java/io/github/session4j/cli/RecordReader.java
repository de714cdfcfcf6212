package io.github.session4j.cli;

import io.github.session4j.SessionManager;
import io.github.session4j.codec.DecodedRecord;
import io.github.session4j.codec.RecordFormat;
import io.github.session4j.codec.UnreadableRecordException;
import io.github.session4j.codec.ValueTypes;
import java.util.Optional;

/**
 * Reads stored records the way the application does (its format, codec and keys: the MAC or tag is
 * checked first), with the documented value types only.
 */
final class RecordReader {

    private final RecordFormat format;

    RecordReader(SessionManager manager) {
        this.format = RecordFormat.create(manager.config(), ValueTypes.none());
    }

    /**
     * Decodes a record after checking its MAC.
     *
     * @throws UnreadableRecordException when the application would refuse it too
     */
    DecodedRecord read(String key, byte[] bytes) {
        return format.read(key, bytes);
    }

    /** The principal signed in to a record, or empty when nobody is or the record cannot be read. */
    Optional<String> principal(String key, byte[] bytes) {
        try {
            return read(key, bytes).record().extensions().principal();
        } catch (UnreadableRecordException e) {
            return Optional.empty();
        }
    }
}
