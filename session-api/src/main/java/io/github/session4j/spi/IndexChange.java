package io.github.session4j.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to the principal index that rides along with a {@link RecordWrite}, in the same round
 * trip as the write where the store allows (DESIGN.md §5: the index of signed-in sessions is
 * written with the save that changes a session's principal, and never by ordinary requests).
 *
 * <p>A change names principals by their <em>principal keys</em>: the core's hash of the
 * principal (base64url, without the store's key prefix; see {@link PrincipalIndex}). A backend
 * never sees a principal in clear.
 *
 * <ul>
 *   <li>{@link #none()}: the write leaves the index as it is. A {@link RecordWrite.Replace} or
 *       {@link RecordWrite.Append} with it keeps the record's key indexed under the principal it
 *       was indexed under, if any; a {@link RecordWrite.Create} with it indexes nothing.</li>
 *   <li>{@link #add(String)}: after the write, the write's key is indexed under the principal key
 *       (a sign-in saving the session under its new ID).</li>
 *   <li>{@link #remove(String)}: after the write, the write's key is no longer indexed under the
 *       principal key (the tombstone left under the old ID of a regenerated signed-in session).</li>
 *   <li>{@link #move(String, String)}: both at once, for a session whose key stays while its
 *       principal changes.</li>
 * </ul>
 *
 * <p>A backend that keeps no index refuses every change but {@link #none()}
 * ({@link RecordWrite#requireNoIndexChange}); the core sends none to it.
 */
public final class IndexChange {

    private static final IndexChange NONE = new IndexChange(null, null);

    private final String added;
    private final String removed;

    private IndexChange(String added, String removed) {
        this.added = added;
        this.removed = removed;
    }

    /**
     * No change to the index.
     *
     * @return the empty change
     */
    public static IndexChange none() {
        return NONE;
    }

    /**
     * Index the write's key under {@code principalKey}.
     *
     * @param principalKey the principal's key, as {@link PrincipalIndex} describes it
     * @return the change
     * @throws NullPointerException if {@code principalKey} is null
     */
    public static IndexChange add(String principalKey) {
        return new IndexChange(Objects.requireNonNull(principalKey, "principalKey"), null);
    }

    /**
     * Take the write's key out of {@code principalKey}'s entry.
     *
     * @param principalKey the principal's key
     * @return the change
     * @throws NullPointerException if {@code principalKey} is null
     */
    public static IndexChange remove(String principalKey) {
        return new IndexChange(null, Objects.requireNonNull(principalKey, "principalKey"));
    }

    /**
     * Take the write's key out of {@code from}'s entry and index it under {@code to}.
     *
     * @param from the principal key the write's key was indexed under
     * @param to the principal key to index it under
     * @return the change; {@link #add(String)} when both are equal
     * @throws NullPointerException if either is null
     */
    public static IndexChange move(String from, String to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return from.equals(to) ? add(to) : new IndexChange(to, from);
    }

    /**
     * Whether this change leaves the index as it is.
     *
     * @return {@code true} for {@link #none()}
     */
    public boolean isNone() {
        return added == null && removed == null;
    }

    /**
     * The principal key that the write's key is indexed under after the write.
     *
     * @return the principal key, or empty when this change indexes the key under none
     */
    public Optional<String> added() {
        return Optional.ofNullable(added);
    }

    /**
     * The principal key whose entry loses the write's key.
     *
     * @return the principal key, or empty when this change takes the key out of no entry
     */
    public Optional<String> removed() {
        return Optional.ofNullable(removed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndexChange that && Objects.equals(added, that.added) && Objects.equals(removed, that.removed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(added, removed);
    }

    /** Shows only whether a principal key is added or removed, never the key: it is a hash of a user name. */
    @Override
    public String toString() {
        if (isNone()) {
            return "IndexChange[none]";
        }
        return "IndexChange[" + (removed != null ? "remove" : "") + (removed != null && added != null ? "+" : "")
                + (added != null ? "add" : "") + "]";
    }
}
