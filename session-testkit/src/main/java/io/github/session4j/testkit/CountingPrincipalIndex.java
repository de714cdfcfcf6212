package io.github.session4j.testkit;

import io.github.session4j.spi.PrincipalIndex;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A backend's {@link PrincipalIndex} whose every call counts as one round trip ({@link CountingSessionInterface}). */
final class CountingPrincipalIndex implements PrincipalIndex {

    private final PrincipalIndex delegate;
    private final AtomicLong calls;

    CountingPrincipalIndex(PrincipalIndex delegate, AtomicLong calls) {
        this.delegate = delegate;
        this.calls = calls;
    }

    @Override
    public List<String> indexedKeys(String principalKey, String after, int limit) {
        calls.incrementAndGet();
        return delegate.indexedKeys(principalKey, after, limit);
    }

    @Override
    public void unindex(String principalKey, Collection<String> keys) {
        calls.incrementAndGet();
        delegate.unindex(principalKey, keys);
    }

    @Override
    public void deleteIndexed(String key, String principalKey) {
        calls.incrementAndGet();
        delegate.deleteIndexed(key, principalKey);
    }
}
