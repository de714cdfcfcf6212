package io.github.session4j;

import io.github.session4j.spi.IndexChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The commit of a session that a live migration read from the old backend
 * ({@link LiveMigration}): the new backend has no record under its key yet, so every step that
 * would change that record there becomes a create-if-absent, and a session that was only read is
 * created there with its bytes unchanged. A create that fails then means that another request
 * moved the session first: a lost race, handled as one.
 */
final class MigratedCommit {

    private static final byte[] TOMBSTONE = new byte[0];

    private MigratedCommit() {
    }

    /**
     * The plan that writes the session to the new backend.
     *
     * @param plan the plan as made for a stored session
     * @param basis the session as read from the old backend
     * @param runtime the settings and expiry rules
     * @param now the commit's time
     * @return the plan whose steps create the record instead of replacing or refreshing it
     */
    static CommitPlan toNewBackend(CommitPlan plan, LoadState basis, SessionRuntime runtime, Instant now) {
        String key = basis.key();
        // the new backend's principal index has never seen this session: its first write indexes it
        String principalKey = basis.extensions().principal().map(runtime::principalKeyOf).orElse(null);
        IndexChange index = principalKey == null ? IndexChange.none() : IndexChange.add(principalKey);
        List<CommitPlan.Step> steps = new ArrayList<>(plan.steps().size() + 1);
        boolean written = false;
        for (CommitPlan.Step step : plan.steps()) {
            if (step instanceof CommitPlan.Create c && !c.key().equals(key)) {
                // the old key's tombstone becomes a create that indexes nothing, so it hands nothing
                // over: the new key is added by its own create
                steps.add(new CommitPlan.Create(c.key(), c.record(), c.ttl(),
                        c.index().added().map(IndexChange::add).orElse(IndexChange.none())));
            } else if (!step.key().equals(key)) {
                steps.add(step);
            } else if (step instanceof CommitPlan.Replace r) {
                steps.add(new CommitPlan.Create(key, r.record(), r.ttl(), index));
                written = true;
            } else if (step instanceof CommitPlan.Tombstone t) {
                steps.add(new CommitPlan.Create(key, TOMBSTONE, t.ttl())); // indexes nothing: a tombstone is no session
                written = true;
            } else if (step instanceof CommitPlan.Touch t) {
                steps.add(new CommitPlan.Create(key, basis.stored().whole(), t.ttl(), index));
                written = true;
            } else if (step instanceof CommitPlan.Append) {
                throw new IllegalStateException("a migrated session is never appended to: its record is not in this backend");
            } else {
                steps.add(step);
                written = true;
            }
        }
        if (!written && plan.kind() == CommitPlan.Kind.READ) {
            steps.add(new CommitPlan.Create(key, basis.stored().whole(), keptTtl(basis, runtime, now), index));
        }
        return new CommitPlan(plan.kind(), steps, plan.headers());
    }

    /**
     * The lifetime a session that was only read gets in the new backend: what a refresh would give
     * it when refreshes are on or the old backend did not say when it expires, else what it had
     * left there.
     */
    private static Duration keptTtl(LoadState basis, SessionRuntime runtime, Instant now) {
        ExpiryRules expiry = runtime.expiry();
        Duration full = expiry.ttlFor(basis.createdAt(), expiry.idleTimeoutOf(basis.extensions()), now);
        if (runtime.settings().refreshEachRequest() || basis.storeExpiry() == null) {
            return full;
        }
        Duration left = Duration.between(now, basis.storeExpiry());
        Duration kept = left.compareTo(full) < 0 ? left : full;
        return kept.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : kept;
    }
}
