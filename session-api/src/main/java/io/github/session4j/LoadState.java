package io.github.session4j;

import io.github.session4j.codec.DecodedRecord;
import io.github.session4j.codec.DeltaChain;
import io.github.session4j.codec.RecordExtensions;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The last stage of the load path: the stored session as this request found it, after the bytes
 * were fetched ({@link FetchedRecord}) and decoded ({@link DecodedRecord}). One immutable value
 * serves the {@link Session} (its starting content), the {@link CommitPlanner} (what a save is
 * conditional on) and the retry after a lost race (the reload gives a new one). A request without
 * a stored session gets a {@linkplain #fresh fresh} state, whose store fields are empty.
 *
 * @param id the session ID the record was found under, or null for a new session
 * @param key the store key, or null for a new session
 * @param version the version the store gave the record, for a conditional save (0 for a new session)
 * @param stored the record's bytes as fetched (shared, never to be changed), or null for a new session
 * @param chain where the record stands for delta frames, or null for a new session
 * @param needsRewrite whether the record should be written whole at commit even if unchanged
 * @param storeExpiry the store's expiry as the load reported it, or null where the store does not
 *     say (and for a new session)
 * @param createdAt when the session was first created; for a new session, when it was loaded
 * @param permanent whether the session outlives the browser session (a cookie with Max-Age)
 * @param extensions the record's extension values (principal, sign-in time, idle timeout), kept
 *     over every rewrite; none for a new session
 * @param attributes the stored content (copied; values may be {@code null}, keys may not); empty
 *     for a new session
 * @param sharesValues true when the byte arrays, lists and maps among the values belong to the
 *     record cache: the session gives the application a copy of each, made when first reached
 */
record LoadState(String id, String key, long version, RecordBytes stored, DeltaChain chain, boolean needsRewrite,
        Instant storeExpiry, Instant createdAt, boolean permanent, RecordExtensions extensions, Map<String, Object> attributes,
        boolean sharesValues) {

    /**
     * Copies the attributes and checks the arguments.
     *
     * @throws NullPointerException if {@code attributes} or {@code createdAt} is {@code null}, or
     *     if {@code attributes} holds a {@code null} key
     */
    LoadState {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(extensions, "extensions");
        Map<String, Object> copy = new LinkedHashMap<>(attributes);
        if (copy.containsKey(null)) {
            throw new NullPointerException("a loaded session cannot hold a null key");
        }
        attributes = Collections.unmodifiableMap(copy);
    }

    /** The state of a request that found no stored session: new, empty, created {@code now}. */
    static LoadState fresh(Instant now, boolean permanent) {
        return new LoadState(null, null, 0, null, null, false, null, now, permanent, RecordExtensions.none(), Map.of(), false);
    }

    /**
     * The state of a session found in the store.
     *
     * @param id the ID the request presented
     * @param key its store key
     * @param fetched the bytes as fetched
     * @param decoded what they decode to
     * @param sharesValues whether the decoded values are the record cache's
     */
    static LoadState found(String id, String key, FetchedRecord fetched, DecodedRecord decoded, boolean sharesValues) {
        return new LoadState(Objects.requireNonNull(id, "id"), Objects.requireNonNull(key, "key"), fetched.version(),
                fetched.bytes(), decoded.chain(), decoded.needsRewrite(), fetched.expiresAt(),
                decoded.record().createdAt(), decoded.record().permanent(), decoded.record().extensions(),
                decoded.record().attributes(), sharesValues);
    }

    /** The same state with {@code owned} as its content, values nobody else holds. */
    LoadState withOwnedAttributes(Map<String, Object> owned) {
        return new LoadState(id, key, version, stored, chain, needsRewrite, storeExpiry, createdAt, permanent, extensions,
                owned, false);
    }

    /** Whether no stored session backs this one. */
    boolean isNew() {
        return key == null;
    }
}
