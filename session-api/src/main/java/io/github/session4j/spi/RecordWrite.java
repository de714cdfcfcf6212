package io.github.session4j.spi;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * One conditional write of a record, the only way the core writes one ({@link SessionInterface#write}):
 * create it where none is live, replace it if its version is still the one loaded, or append a
 * tail to it under the same check. Each carries an {@link IndexChange} that the backend applies in
 * the same round trip as the write (today always {@link IndexChange#none()}).
 *
 * <p>The byte arrays belong to the caller: a backend must not modify them, nor keep a reference
 * to one that it later mutates. Equality compares their contents.
 */
public sealed interface RecordWrite permits RecordWrite.Create, RecordWrite.Replace, RecordWrite.Append {

    /**
     * The store key.
     *
     * @return the key
     */
    String key();

    /**
     * The record's time to live after the write, positive.
     *
     * @return the time to live
     */
    Duration ttl();

    /**
     * The change to an index that rides along with this write.
     *
     * @return the change, {@link IndexChange#none()} when there is none
     */
    IndexChange index();

    /**
     * Hands this write to the function for its kind, so that a backend's {@link SessionInterface#write}
     * is one expression ({@code write.match(this::create, this::replace, this::append)}) rather than
     * a chain of {@code instanceof} tests.
     *
     * @param create applied to a {@link Create}
     * @param replace applied to a {@link Replace}
     * @param append applied to an {@link Append}
     * @param <R> the result's type
     * @return what the function for this write's kind returned
     */
    <R> R match(Function<? super Create, ? extends R> create, Function<? super Replace, ? extends R> replace,
            Function<? super Append, ? extends R> append);

    /**
     * Refuses a write that carries an index change, for a backend that keeps no index.
     *
     * @param write the write a backend was given
     * @param backend how the backend names itself in the message, such as {@code memcached}
     * @throws IllegalArgumentException when {@code write} carries an index change: anything but
     *     {@link IndexChange#none()}, a {@linkplain IndexChange#deferrable() deferrable} add and a
     *     {@linkplain IndexChange#handingOverTo(String) hand-over} included
     */
    static void requireNoIndexChange(RecordWrite write, String backend) {
        if (!write.index().isNone()) {
            throw new IllegalArgumentException("the " + backend + " backend keeps no index of sessions, but a write of "
                    + write.key() + " carries " + write.index() + "; pick a backend whose README lists the principal index");
        }
    }

    /**
     * Store {@code record} under {@code key} only if no live record is stored there. A lost race
     * means a live record already existed.
     *
     * @param key the store key
     * @param record the bytes to store
     * @param ttl the time to live, positive
     * @param index the index change that rides along
     */
    record Create(String key, byte[] record, Duration ttl, IndexChange index) implements RecordWrite {

        /**
         * Checks that no component is null.
         *
         * @param key the store key
         * @param record the bytes to store
         * @param ttl the time to live, positive
         * @param index the index change that rides along
         * @throws NullPointerException if one is
         */
        public Create {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(ttl, "ttl");
            Objects.requireNonNull(index, "index");
        }

        /**
         * A create that changes no index.
         *
         * @param key the store key
         * @param record the bytes to store
         * @param ttl the time to live, positive
         */
        public Create(String key, byte[] record, Duration ttl) {
            this(key, record, ttl, IndexChange.none());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Create that && key.equals(that.key) && Arrays.equals(record, that.record)
                    && ttl.equals(that.ttl) && index.equals(that.index);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, Arrays.hashCode(record), ttl, index);
        }

        @Override
        public <R> R match(Function<? super Create, ? extends R> create, Function<? super Replace, ? extends R> replace,
                Function<? super Append, ? extends R> append) {
            return create.apply(this);
        }

        @Override
        public String toString() {
            return "Create[" + key + ", " + record.length + " bytes, ttl=" + ttl + ", " + index + "]";
        }
    }

    /**
     * Replace the record under {@code key} only if a live record is stored there and its version
     * is still {@code expectedVersion}. A lost race means it was changed, deleted or expired
     * meanwhile (the caller reloads and retries, or gives up if it is gone).
     *
     * @param key the store key
     * @param record the new bytes
     * @param expectedVersion the {@link StoredRecord#version()} of the load this change is based on
     * @param ttl the time to live, positive
     * @param index the index change that rides along
     */
    record Replace(String key, byte[] record, long expectedVersion, Duration ttl, IndexChange index) implements RecordWrite {

        /**
         * Checks that no component is null.
         *
         * @param key the store key
         * @param record the new bytes
         * @param expectedVersion the version the record must still have
         * @param ttl the time to live, positive
         * @param index the index change that rides along
         * @throws NullPointerException if one is
         */
        public Replace {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(ttl, "ttl");
            Objects.requireNonNull(index, "index");
        }

        /**
         * A replace that changes no index.
         *
         * @param key the store key
         * @param record the new bytes
         * @param expectedVersion the version the record must still have
         * @param ttl the time to live, positive
         */
        public Replace(String key, byte[] record, long expectedVersion, Duration ttl) {
            this(key, record, expectedVersion, ttl, IndexChange.none());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Replace that && key.equals(that.key) && Arrays.equals(record, that.record)
                    && expectedVersion == that.expectedVersion && ttl.equals(that.ttl) && index.equals(that.index);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, Arrays.hashCode(record), expectedVersion, ttl, index);
        }

        @Override
        public <R> R match(Function<? super Create, ? extends R> create, Function<? super Replace, ? extends R> replace,
                Function<? super Append, ? extends R> append) {
            return replace.apply(this);
        }

        @Override
        public String toString() {
            return "Replace[" + key + ", " + record.length + " bytes, expectedVersion=" + expectedVersion + ", ttl=" + ttl
                    + ", " + index + "]";
        }
    }

    /**
     * Add {@code tail} after the record under {@code key} without rewriting it, if that record's
     * version is still {@code expectedVersion}; the record then gets a new version, as after a
     * replace, and expires after {@code ttl}. Accepted only by a backend with the
     * {@link RecordAppender} capability. A lost race means the record was changed, deleted or
     * expired since it was loaded, or is empty (the core's tombstone; nothing is ever appended to it).
     *
     * @param key the store key
     * @param tail the bytes to add after the stored record (never empty)
     * @param expectedVersion the version the record must still have, as {@code load} returned it
     * @param ttl the record's new time to live, positive
     * @param index the index change that rides along
     */
    record Append(String key, byte[] tail, long expectedVersion, Duration ttl, IndexChange index) implements RecordWrite {

        /**
         * Checks that no component is null.
         *
         * @param key the store key
         * @param tail the bytes to add after the stored record
         * @param expectedVersion the version the record must still have
         * @param ttl the record's new time to live, positive
         * @param index the index change that rides along
         * @throws NullPointerException if one is
         */
        public Append {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(tail, "tail");
            Objects.requireNonNull(ttl, "ttl");
            Objects.requireNonNull(index, "index");
        }

        /**
         * An append that changes no index.
         *
         * @param key the store key
         * @param tail the bytes to add after the stored record
         * @param expectedVersion the version the record must still have
         * @param ttl the record's new time to live, positive
         */
        public Append(String key, byte[] tail, long expectedVersion, Duration ttl) {
            this(key, tail, expectedVersion, ttl, IndexChange.none());
        }

        /**
         * The exception a backend without the {@link RecordAppender} capability throws when it is
         * given an append anyway (the core never does that).
         *
         * @param backend how the backend names itself in the message
         * @return the exception to throw
         */
        public UnsupportedOperationException unsupported(String backend) {
            return new UnsupportedOperationException("the " + backend + " backend cannot append to a record (it is no "
                    + RecordAppender.class.getSimpleName() + "); the core sends it no " + getClass().getSimpleName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Append that && key.equals(that.key) && Arrays.equals(tail, that.tail)
                    && expectedVersion == that.expectedVersion && ttl.equals(that.ttl) && index.equals(that.index);
        }

        @Override
        public int hashCode() {
            return Objects.hash(key, Arrays.hashCode(tail), expectedVersion, ttl, index);
        }

        @Override
        public <R> R match(Function<? super Create, ? extends R> create, Function<? super Replace, ? extends R> replace,
                Function<? super Append, ? extends R> append) {
            return append.apply(this);
        }

        @Override
        public String toString() {
            return "Append[" + key + ", " + tail.length + " bytes, expectedVersion=" + expectedVersion + ", ttl=" + ttl
                    + ", " + index + "]";
        }
    }
}
