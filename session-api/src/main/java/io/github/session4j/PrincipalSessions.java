package io.github.session4j;

import io.github.session4j.codec.DecodedRecord;
import io.github.session4j.codec.RecordExtensions;
import io.github.session4j.codec.SessionRecord;
import io.github.session4j.codec.UnreadableRecordException;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The sessions-by-user operations of one {@link SessionManager} (DESIGN.md §9): listing a
 * principal's sessions through the backend's {@link PrincipalIndex}, and ending them.
 *
 * <p>Every listed key is loaded (without refreshing its expiry) and checked as a request's load
 * would: a key whose record is gone, a tombstone, unreadable, expired (idle or absolute) or saved
 * under another principal is never listed, and is taken out of the entry ({@link PrincipalIndex#unindex})
 * in one call per page. That is how the index is repaired after a crash between two writes.
 */
final class PrincipalSessions {

    /** The page size of {@link SessionManager#sessionsOf(String)}. */
    static final int FIRST_PAGE = 100;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SessionRuntime runtime;
    private final String backendName;
    private final List<String> indexingBackends;

    /**
     * @param runtime the manager's runtime
     * @param backendName the backend's name, for messages
     * @param indexingBackends the backends on the classpath that keep the index, for messages
     */
    PrincipalSessions(SessionRuntime runtime, String backendName, List<String> indexingBackends) {
        this.runtime = runtime;
        this.backendName = backendName;
        this.indexingBackends = List.copyOf(indexingBackends);
    }

    boolean available() {
        return runtime.principalIndex().isPresent();
    }

    SessionPage page(String principal, String cursor, int limit) {
        Principals.check(principal);
        if (limit < 1 || limit > PrincipalIndex.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("the page limit was " + limit + " but it must be 1 to " + PrincipalIndex.MAX_PAGE_SIZE);
        }
        PrincipalIndex index = index("sessionsOf");
        String pk = runtime.principals().keyOf(principal);
        String after = cursor == null ? null : keyOfCursor(pk, cursor);
        List<String> keys = index.indexedKeys(pk, after, limit);
        List<SessionInfo> live = new ArrayList<>(keys.size());
        List<String> dead = new ArrayList<>();
        Instant now = runtime.clock().instant();
        for (String key : keys) {
            describe(key, principal, now).ifPresentOrElse(live::add, () -> dead.add(key));
        }
        if (!dead.isEmpty()) {
            index.unindex(pk, dead);
        }
        Optional<String> next = keys.size() == limit ? Optional.of(cursorOf(pk, keys.get(keys.size() - 1))) : Optional.empty();
        return new SessionPage(live, next);
    }

    boolean endOne(String principal, String handle) {
        Principals.check(principal);
        if (handle == null) {
            throw new NullPointerException("handle");
        }
        PrincipalIndex index = index("endSession");
        String pk = runtime.principals().keyOf(principal);
        byte[] wanted = handle.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>(1);
        forEachKey(index, pk, key -> {
            if (found.isEmpty() && MessageDigest.isEqual(wanted, runtime.principals().handleOf(key).getBytes(StandardCharsets.UTF_8))) {
                found.add(key);
            }
            return found.isEmpty();
        });
        if (found.isEmpty()) {
            return false;
        }
        String key = found.get(0);
        boolean live = describe(key, principal, runtime.clock().instant()).isPresent();
        runtime.deleteIndexed(key, pk);
        return live;
    }

    int endAll(String principal, Set<String> except, String operation) {
        Principals.check(principal);
        PrincipalIndex index = index(operation);
        String pk = runtime.principals().keyOf(principal);
        int[] ended = {0};
        forEachKey(index, pk, key -> {
            if (!except.contains(key)) {
                runtime.deleteIndexed(key, pk);
                ended[0]++;
            }
            return true;
        });
        return ended[0];
    }

    /**
     * Pages through a principal's entry with the largest pages, in key order, until {@code each}
     * says stop; a key taken out meanwhile does not disturb the paging, which goes on after the
     * last key seen.
     */
    private static void forEachKey(PrincipalIndex index, String pk, Predicate<String> each) {
        String after = null;
        while (true) {
            List<String> keys = index.indexedKeys(pk, after, PrincipalIndex.MAX_PAGE_SIZE);
            for (String key : keys) {
                if (!each.test(key)) {
                    return;
                }
            }
            if (keys.size() < PrincipalIndex.MAX_PAGE_SIZE) {
                return;
            }
            after = keys.get(keys.size() - 1);
        }
    }

    /** What a listed key shows, or empty when it is no live session of {@code principal}. */
    private Optional<SessionInfo> describe(String key, String principal, Instant now) {
        Optional<StoredRecord> found = runtime.loadForListing(key);
        if (found.isEmpty() || found.get().data().length == 0) {
            return Optional.empty();
        }
        SessionRecord record;
        try {
            DecodedRecord decoded = runtime.format().read(key, found.get().data());
            record = decoded.record();
        } catch (UnreadableRecordException e) {
            return Optional.empty(); // a request presenting it will delete it
        }
        RecordExtensions extensions = record.extensions();
        if (!extensions.principal().equals(Optional.of(principal))) {
            return Optional.empty();
        }
        ExpiryRules expiry = runtime.expiry();
        Instant start = ExpiryRules.lifetimeStart(record.createdAt(), extensions);
        Duration idle = expiry.idleTimeoutOf(extensions);
        Optional<Duration> left = expiry.timeLeft(start, idle, now);
        Instant storeExpiry = found.get().expiresAt();
        if (left.isEmpty() || storeExpiry != null && !storeExpiry.isAfter(now)) {
            return Optional.empty();
        }
        Instant absoluteEnd = now.plus(left.get());
        Instant lastRefresh = storeExpiry == null ? start : storeExpiry.minus(idle);
        Instant lastSeen = lastRefresh.isBefore(start) ? start : lastRefresh.isAfter(now) ? now : lastRefresh;
        Instant idleEnd = storeExpiry != null ? storeExpiry : lastSeen.plus(idle);
        Instant expiresAt = idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd;
        return Optional.of(new SessionInfo(runtime.principals().handleOf(key), record.createdAt(),
                extensions.signedInAt().orElse(null), lastSeen, expiresAt, extensions.label().orElse(null)));
    }

    private String cursorOf(String pk, String key) {
        return ENCODER.encodeToString(key.getBytes(StandardCharsets.UTF_8)) + "." + runtime.principals().cursorTag(pk, key);
    }

    private String keyOfCursor(String pk, String cursor) {
        int dot = cursor.lastIndexOf('.');
        IllegalArgumentException refused = new IllegalArgumentException(
                "the cursor is not one that a listing of this principal's sessions returned; pass SessionPage.next() as it was");
        if (dot < 0) {
            throw refused;
        }
        String key;
        try {
            key = new String(DECODER.decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused;
        }
        byte[] tag = cursor.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(tag, runtime.principals().cursorTag(pk, key).getBytes(StandardCharsets.UTF_8))) {
            throw refused;
        }
        return key;
    }

    private PrincipalIndex index(String operation) {
        return runtime.principalIndex().orElseThrow(() -> new IllegalStateException(refusal(operation)));
    }

    private String refusal(String operation) {
        boolean turnedOff = runtime.settings().principalIndex().equals(Optional.of(false));
        String why = turnedOff ? "SESSION_PRINCIPAL_INDEX is false" : "the " + backendName + " backend keeps no index of sessions by user (it has no PrincipalIndex)";
        List<String> others = indexingBackends.stream().filter(name -> turnedOff || !name.equals(backendName)).toList();
        String fix = turnedOff ? "Unset SESSION_PRINCIPAL_INDEX to index sessions on this backend."
                : others.isEmpty() ? "No backend on the classpath keeps it: use one whose README lists PrincipalIndex (memory, redis, jdbc, mongodb, filesystem)."
                : "Backends on the classpath that keep it: " + String.join(", ", others) + "; set SESSION_TYPE to one of them.";
        return operation + " needs the principal index, but this manager keeps none: " + why + ". " + fix;
    }
}
