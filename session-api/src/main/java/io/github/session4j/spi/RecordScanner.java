package io.github.session4j.spi;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Optional capability for admin tools (the CLI's {@code migrate}): pages through the live session
 * records of this backend, each with its key, its bytes exactly as stored and its expiry, so that
 * they can be copied to another backend with their remaining time to live.
 *
 * <p><b>Bounded.</b> A page holds at most about {@code limit} records (Redis' {@code SCAN} may
 * return a few more), so a million records never sit in memory at once. The cursor is a string
 * that the caller hands back to get the next page; it survives a restart of the caller, so a walk
 * can be resumed. A page may be empty before the end (a store that filters after reading, such
 * as DynamoDB); only {@link Page#next()} {@code == null} ends the walk.
 *
 * <p><b>Only session records.</b> A scan returns the records whose key is
 * {@code SESSION_KEY_PREFIX} followed by exactly {@value #HASHED_KEY_LENGTH} base64url characters
 * (the core's store key: the prefix and the base64url SHA-256 of the ID; see
 * {@link #isSessionKey}). Entries of the principal index, staged values and other keys that share
 * the prefix never match this shape and are never returned. Records that expire during the walk
 * may or may not be returned; records written during it may be missed.
 *
 * <p>A backend that cannot enumerate its keys (memcached) does not have this capability.
 */
public interface RecordScanner {

    /** The largest {@code limit} a caller may ask for. */
    int MAX_PAGE_SIZE = 1000;

    /** The length of a hashed store key after the prefix: base64url SHA-256 without padding. */
    int HASHED_KEY_LENGTH = 43;

    /**
     * A page of live session records.
     *
     * @param cursor {@link Page#next()} of the previous page, or {@code null} for the first page
     * @param limit the most records wanted, 1 to {@value #MAX_PAGE_SIZE}
     * @return the page
     * @throws IllegalArgumentException if the limit is out of range or the cursor is not one this
     *     backend made
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    Page scan(String cursor, int limit);

    /**
     * Whether {@code key} is the store key of a session under {@code prefix}: the prefix followed by
     * exactly {@value #HASHED_KEY_LENGTH} base64url characters.
     *
     * @param key a key found in the store
     * @param prefix the configured {@code SESSION_KEY_PREFIX}
     * @return whether a scan returns it
     */
    static boolean isSessionKey(String key, String prefix) {
        if (key == null || !key.startsWith(prefix) || key.length() != prefix.length() + HASHED_KEY_LENGTH) {
            return false;
        }
        for (int i = prefix.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a page size.
     *
     * @param limit the size asked for
     * @throws IllegalArgumentException if it is not between 1 and {@value #MAX_PAGE_SIZE}
     */
    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit was " + limit + " but it must be between 1 and " + MAX_PAGE_SIZE);
        }
    }

    /**
     * One record found by a scan.
     *
     * @param key the store key
     * @param data the bytes exactly as stored (what {@link SessionInterface#load} returns)
     * @param expiresAt when the record expires, or {@code null} when the store keeps it without
     *     an expiry (never the case for records the core wrote)
     */
    record Scanned(String key, byte[] data, Instant expiresAt) {

        /**
         * Checks that key and data are given.
         *
         * @param key the store key
         * @param data the bytes
         * @param expiresAt the expiry, or {@code null}
         * @throws NullPointerException if {@code key} or {@code data} is null
         */
        public Scanned {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Scanned that && key.equals(that.key) && Arrays.equals(data, that.data)
                    && Objects.equals(expiresAt, that.expiresAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, Arrays.hashCode(data), expiresAt);
        }

        /** Names the key and the size only: the bytes may hold secrets. */
        @Override
        public String toString() {
            return "Scanned[" + key + ", " + data.length + " bytes, expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A page of a scan.
     *
     * @param records the records of this page, possibly none
     * @param next the cursor of the next page, or {@code null} when the walk is complete
     */
    record Page(List<Scanned> records, String next) {

        /**
         * Copies the list.
         *
         * @param records the records
         * @param next the next cursor, or {@code null}
         * @throws NullPointerException if {@code records} is null
         */
        public Page {
            records = List.copyOf(records);
        }

        /**
         * Whether this is the last page.
         *
         * @return {@code true} when {@link #next()} is null
         */
        public boolean isLast() {
            return next == null;
        }
    }
}
