package io.github.session4j.spring.security;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON texts known to read back, by a 64-bit fingerprint of the text and the class it is read
 * as, so that writing a value whose text was read or checked before costs no second read.
 *
 * <p>A signed-in session is saved with the {@code SecurityContext} it was loaded with: its text is
 * the one just read, and Spring Security's Jackson read of it costs far more than writing it.
 * Bounded: past {@link #MAX_ENTRIES} the set starts over. Only fingerprints are kept, never a
 * text (which holds tokens). A fingerprint collision could only skip the check for a text that
 * does not read back, which makes that one session unreadable (no session) on its next load:
 * the check is a courtesy at put time, not a safety fence; the allowlist is applied on every read.
 */
final class ReadableTexts {

    static final int MAX_ENTRIES = 16_384;

    private final Set<Long> fingerprints = ConcurrentHashMap.newKeySet();

    boolean contains(String json, Class<?> type) {
        return fingerprints.contains(fingerprint(json, type));
    }

    void add(String json, Class<?> type) {
        if (fingerprints.size() >= MAX_ENTRIES) {
            fingerprints.clear();
        }
        fingerprints.add(fingerprint(json, type));
    }

    int size() {
        return fingerprints.size();
    }

    /** FNV-1a over the class name and the text's chars, 64 bits. */
    static long fingerprint(String json, Class<?> type) {
        long hash = 0xcbf29ce484222325L;
        String name = type.getName();
        for (int i = 0; i < name.length(); i++) {
            hash = (hash ^ name.charAt(i)) * 0x100000001b3L;
        }
        hash = (hash ^ 0xffff) * 0x100000001b3L;
        for (int i = 0; i < json.length(); i++) {
            hash = (hash ^ json.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }
}
