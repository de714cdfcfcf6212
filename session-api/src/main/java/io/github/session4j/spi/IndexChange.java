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
 * <p><b>Hand-over</b> (a signed-in session regenerated under the same principal): the create of
 * the new key carries {@code add(pk).}{@link #deferrable()}, and the tombstone of the old key
 * that follows in the same commit carries {@code remove(pk).}{@link #handingOverTo(String)
 * handingOverTo(newKey)}. After that tombstone <em>wins</em>, the old key is out of {@code pk}'s
 * entry and the new key is in it. A backend that can fold the add into the create does so (and
 * then treats the hand-over's add as done: it only removes the old key, as for a plain
 * {@code remove}); one that cannot (a Redis Cluster, where the entry lives in another slot than
 * the record) may skip the deferrable add and apply both halves in one command after the
 * tombstone won. Until the tombstone wins, the old key stays indexed, so a failure in between never
 * hides the live old session; the new key's ID reaches the client only after the commit returned.
 * The core marks an add deferrable only when such a tombstone follows.
 *
 * <p>A backend that keeps no index refuses every change but {@link #none()}
 * ({@link RecordWrite#requireNoIndexChange}); the core sends none to it.
 */
public final class IndexChange {

    private static final IndexChange NONE = new IndexChange(null, null, false, null);

    private final String added;
    private final String removed;
    private final boolean deferrable;
    private final String handedOverTo;

    private IndexChange(String added, String removed) {
        this(added, removed, false, null);
    }

    private IndexChange(String added, String removed, boolean deferrable, String handedOverTo) {
        this.added = added;
        this.removed = removed;
        this.deferrable = deferrable;
        this.handedOverTo = handedOverTo;
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
     * This add, marked so that a backend which cannot fold it into the {@link RecordWrite.Create}
     * that carries it may leave it to the hand-over of the tombstone that follows in the same
     * commit ({@link #handingOverTo(String)}). A backend that can fold it in adds the key at
     * create time, as for a plain {@link #add(String)}.
     *
     * @return the same add, deferrable
     * @throws IllegalStateException if this change is not a plain {@link #add(String)}
     */
    public IndexChange deferrable() {
        if (added == null || removed != null || handedOverTo != null) {
            throw new IllegalStateException("only a plain IndexChange.add can be deferrable, not " + this);
        }
        return new IndexChange(added, null, true, null);
    }

    /**
     * This removal, handing the write's place in the entry over to {@code newKey}: after the write
     * wins, the write's key is out of the {@link #removed()} principal key's entry and
     * {@code newKey} is in it. Carried by the tombstone of a session regenerated under the same
     * principal, whose new key was created with a {@link #deferrable()} add; a backend that added
     * {@code newKey} at create time only removes, as for a plain {@link #remove(String)}.
     *
     * @param newKey the store key the session was created under in the same commit
     * @return the removal with its hand-over
     * @throws IllegalStateException if this change is not a plain {@link #remove(String)}
     * @throws NullPointerException if {@code newKey} is null
     */
    public IndexChange handingOverTo(String newKey) {
        Objects.requireNonNull(newKey, "newKey");
        if (removed == null || added != null || handedOverTo != null) {
            throw new IllegalStateException("only a plain IndexChange.remove can hand over, not " + this);
        }
        return new IndexChange(null, removed, false, newKey);
    }

    /**
     * Whether a backend that cannot fold this add into its create may leave it to the hand-over
     * that follows ({@link #deferrable()}).
     *
     * @return {@code true} for a deferrable add
     */
    public boolean isDeferrable() {
        return deferrable;
    }

    /**
     * The key that takes the write's place in the {@link #removed()} entry once the write won
     * ({@link #handingOverTo(String)}).
     *
     * @return the new key, or empty for a change without a hand-over
     */
    public Optional<String> handedOverTo() {
        return Optional.ofNullable(handedOverTo);
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
        return other instanceof IndexChange that && Objects.equals(added, that.added) && Objects.equals(removed, that.removed)
                && deferrable == that.deferrable && Objects.equals(handedOverTo, that.handedOverTo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(added, removed, deferrable, handedOverTo);
    }

    /**
     * Shows only whether a principal key is added or removed (and whether deferrable or handed
     * over), never a principal key (a hash of a user name) nor a store key.
     */
    @Override
    public String toString() {
        if (isNone()) {
            return "IndexChange[none]";
        }
        return "IndexChange[" + (removed != null ? "remove" : "") + (removed != null && added != null ? "+" : "")
                + (added != null ? "add" : "") + (deferrable ? ",deferrable" : "")
                + (handedOverTo != null ? ",handing over" : "") + "]";
    }
}
