package io.github.session4j.spi;

import java.util.Collection;
import java.util.List;

/**
 * Optional capability: the principal index, which maps a signed-in user to the store keys of
 * that user's live sessions (DESIGN.md §5 and §9), so that the core can list a user's sessions and
 * end them. Found through {@link SessionInterface#capability}; a backend that has it lists it in
 * {@link SessionInterfaceProvider#capabilities()}.
 *
 * <p><b>Principal keys.</b> The core never hands a backend a principal in clear: it hands a
 * <em>principal key</em>, a base64url hash of the principal (43 characters, without the store's
 * key prefix). A backend stores its entries where they cannot be mistaken for session records:
 * they are not counted by {@link SessionCounter}, swept by {@link ExpirySweeper} as records, nor
 * returned by {@link SessionInterface#load}.
 *
 * <p><b>Writing.</b> Entries change only through the {@link IndexChange} of a
 * {@link RecordWrite} (in the same round trip as the write where the store allows; where it cannot,
 * such as Redis Cluster, whose record and entry live in different hash slots, in one more round
 * trip right after a write that won), through {@link #deleteIndexed} and through {@link #unindex}.
 * A write that lost its race changes no entry.
 *
 * <p><b>Reading.</b> {@link #indexedKeys} may return keys whose records have since expired or were
 * deleted with a plain {@link SessionInterface#delete} (the core loads each key it lists and
 * repairs the entry with {@link #unindex}; a backend may prune such keys itself while reading, as
 * the Redis script does). It must never leave out the key of a live record that a write indexed
 * and no later change took out, and must never return a key after {@link #unindex} or
 * {@link #deleteIndexed} took it out.
 *
 * <p>Every method is one round trip where the store allows it; none is called by an ordinary
 * request.
 */
public interface PrincipalIndex {

    /** The most keys {@link #indexedKeys} is asked for in one call. */
    int MAX_PAGE_SIZE = 1000;

    /**
     * A page of the store keys indexed under a principal, in ascending order of the keys (as
     * {@link String#compareTo} orders them), so that a caller can page through an entry of any
     * size with bounded memory.
     *
     * @param principalKey the principal's key
     * @param after the last key of the previous page, exclusive; {@code null} for the first page
     * @param limit the most keys to return, 1 to {@value #MAX_PAGE_SIZE}
     * @return up to {@code limit} keys, fewer (or none) at the end of the entry
     * @throws IllegalArgumentException if {@code limit} is out of range
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    List<String> indexedKeys(String principalKey, String after, int limit);

    /**
     * Takes keys out of a principal's entry (the core's repair after it found their records gone).
     * Keys that are not in the entry are no error; an entry left empty may be dropped.
     *
     * @param principalKey the principal's key
     * @param keys the store keys to take out
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    void unindex(String principalKey, Collection<String> keys);

    /**
     * Deletes the record under {@code key} and takes the key out of {@code principalKey}'s entry
     * (sign-out, invalidation and ending a session of a signed-in user), in one round trip where
     * the store allows it. Deleting a missing record is no error.
     *
     * @param key the store key of the record
     * @param principalKey the principal key it is indexed under
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    void deleteIndexed(String key, String principalKey);
}
