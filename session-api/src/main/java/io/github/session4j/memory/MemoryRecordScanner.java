package io.github.session4j.memory;

import io.github.session4j.spi.RecordScanner;
import io.github.session4j.spi.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@link RecordScanner} of the memory backend: the session keys in ascending order, the cursor
 * being the last key of the previous page. Each page selects its keys from all keys under the
 * prefix (O(n) per page), which suits a reference backend, not a million sessions.
 */
final class MemoryRecordScanner implements RecordScanner {

    private final MemorySessionInterface store;
    private final String keyPrefix;

    MemoryRecordScanner(MemorySessionInterface store, String keyPrefix) {
        this.store = store;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Page scan(String cursor, int limit) {
        RecordScanner.checkLimit(limit);
        TreeSet<String> smallest = new TreeSet<>();
        for (String key : store.keys(keyPrefix)) {
            if (RecordScanner.isSessionKey(key, keyPrefix) && (cursor == null || key.compareTo(cursor) > 0)) {
                smallest.add(key);
                if (smallest.size() > limit) {
                    smallest.pollLast();
                }
            }
        }
        List<Scanned> records = new ArrayList<>(smallest.size());
        for (String key : smallest) {
            Optional<StoredRecord> found = store.load(key);
            found.ifPresent(r -> records.add(new Scanned(key, r.data(), r.expiresAt())));
        }
        return new Page(records, smallest.size() < limit ? null : smallest.last());
    }
}
