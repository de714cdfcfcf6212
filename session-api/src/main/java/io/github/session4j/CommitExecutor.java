package io.github.session4j;

import io.github.session4j.CommitPlan.Kind;
import io.github.session4j.codec.UnreadableRecordException;
import io.github.session4j.spi.IndexChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Carries out the {@link CommitPlan}s of one request's commit through {@link SessionRuntime}'s
 * store calls, with the bounded retries: a lost race reloads the session, re-applies this
 * request's changes and plans again (a session deleted meanwhile stays deleted); a new ID found
 * taken is replaced and the plan made again from the step that failed.
 */
final class CommitExecutor {

    /** Conflicting saves of one request are retried at most this often before giving up. */
    static final int MAX_ATTEMPTS = 64;

    /** A fresh ID found taken this often means the store does not honour create-if-absent. */
    static final int MAX_TAKEN_IDS = 3;

    private static final byte[] TOMBSTONE = new byte[0];

    private final SessionRuntime runtime;
    private final SessionContext context;
    private final Session session;
    private final Instant now;

    CommitExecutor(SessionRuntime runtime, SessionContext context, Session session) {
        this.runtime = runtime;
        this.context = context;
        this.session = session;
        this.now = runtime.clock().instant();
    }

    /**
     * Commits a loaded session.
     *
     * @return the headers to send
     */
    List<ResponseHeader> run() {
        CommitPlanner planner = runtime.planner();
        LoadState basis = session.loadedState();
        CommitPlanner.Changes changes = CommitPlanner.Changes.of(session);
        boolean migrated = context.loadedFromOldBackend();
        boolean canAppend = !basis.isNew() && !changes.invalidated() && runtime.canAppend() && !migrated;
        CommitPlan plan = migrating(planned(planner.plan(basis, changes, context::newIdForCommit, canAppend, now)), basis, migrated);
        int from = 0;
        int attempt = 1;
        int takenIds = 0;
        int conflicts = 0;
        while (true) {
            List<CommitPlan.Create> created = new ArrayList<>(1);
            int failed = execute(plan, from, created);
            if (failed < 0) {
                finished(plan, basis, conflicts, attempt - 1 + takenIds, migrated);
                return plan.headers();
            }
            // a create of the loaded key is a migrated session's first write: failing, it lost a race
            if (plan.steps().get(failed) instanceof CommitPlan.Create c && !c.key().equals(basis.key())) {
                // The fresh ID is taken: astronomically rare, but handled.
                if (plan.kind() == Kind.REGENERATED) {
                    context.replaceNewId();
                    attempt = nextAttempt(attempt);
                } else {
                    if (++takenIds == MAX_TAKEN_IDS) {
                        throw new SessionBackendException("The store reported three freshly generated random session IDs as taken; "
                                + "it is not honouring create-if-absent. Check the backend.");
                    }
                    context.replaceNewId();
                }
                plan = migrating(planned(planner.plan(basis, changes, context::newIdForCommit, canAppend, now)), basis, migrated);
                from = failed; // the steps before the create do not depend on the ID and are done
                continue;
            }
            // what this plan created is taken back, out of the index too (a deferrable add may have
            // left it out already: taking out a key that is not in is a no-op)
            created.forEach(c -> runtime.deleteIndexed(c.key(), c.index().added().orElse(null)));
            conflicts++;
            Optional<LoadState> fresh = reloadAfterConflict(basis, attempt);
            if (fresh.isEmpty()) {
                CommitPlan gone = planned(planner.gone());
                finished(gone, basis, conflicts, attempt - 1 + takenIds, migrated);
                return gone.headers();
            }
            migrated = false; // the reload read the new backend, where the other request put it
            canAppend = !changes.invalidated() && runtime.canAppend();
            basis = fresh.get();
            changes = changes.withAttributes(session.replayOnto(basis.attributes()));
            attempt = nextAttempt(attempt);
            plan = planned(planner.plan(basis, changes, context::newIdForCommit, canAppend, now));
            from = 0;
        }
    }

    /** The plan of a session read from the old backend of a live migration writes it to the new one. */
    private CommitPlan migrating(CommitPlan plan, LoadState basis, boolean migrated) {
        return migrated ? MigratedCommit.toNewBackend(plan, basis, runtime, now) : plan;
    }

    /**
     * After every step succeeded: a migrated or regenerated session's old key is deleted in the
     * old backend too, so that it cannot come back from there; the observers hear what happened.
     */
    private void finished(CommitPlan plan, LoadState basis, int conflicts, int retries, boolean migrated) {
        if (runtime.migration() != null && plan.kind() == Kind.REGENERATED) {
            runtime.migration().delete(basis.key());
        }
        if (!runtime.observers().isEmpty()) {
            runtime.observers().committed(new CommitEvent(eventKind(plan.kind()), conflicts, retries, migrated));
        }
    }

    private static CommitEvent.Kind eventKind(Kind kind) {
        return switch (kind) {
            case UNTOUCHED -> CommitEvent.Kind.UNTOUCHED;
            case NEW_EMPTY -> CommitEvent.Kind.NEW_EMPTY;
            case NEW -> CommitEvent.Kind.CREATED;
            case INVALIDATED -> CommitEvent.Kind.INVALIDATED;
            case READ -> CommitEvent.Kind.READ;
            case MODIFIED -> CommitEvent.Kind.MODIFIED;
            case REGENERATED -> CommitEvent.Kind.REGENERATED;
            case EXPIRED -> CommitEvent.Kind.EXPIRED;
            case GONE -> CommitEvent.Kind.GONE;
        };
    }

    /** The plan as this request carries it out: a cross-site request's keeps the browser's cookie as it is. */
    private CommitPlan planned(CommitPlan plan) {
        if (!context.isCrossSite()) {
            return plan;
        }
        boolean[] counted = {false};
        return runtime.planner().crossSite(plan, () -> {
            if (!counted[0]) {
                counted[0] = true;
                runtime.stats().crossSiteDrops.increment();
            }
        });
    }

    /**
     * Runs the steps of a plan from index {@code from}, noting the keys it creates.
     *
     * @return the index of the conditional step that failed, or -1 when all succeeded
     */
    private int execute(CommitPlan plan, int from, List<CommitPlan.Create> created) {
        List<CommitPlan.Step> steps = plan.steps();
        for (int i = from; i < steps.size(); i++) {
            CommitPlan.Step step = steps.get(i);
            boolean done = true;
            if (step instanceof CommitPlan.Create c) {
                done = runtime.create(c.key(), c.record(), c.ttl(), c.index());
                if (done) {
                    created.add(c);
                }
            } else if (step instanceof CommitPlan.Replace r) {
                done = runtime.replace(r.key(), r.record(), r.version(), r.ttl(), IndexChange.none());
            } else if (step instanceof CommitPlan.Append a) {
                done = runtime.append(a.key(), a.base(), a.frame(), a.version(), a.ttl());
            } else if (step instanceof CommitPlan.Tombstone t) {
                done = runtime.replace(t.key(), TOMBSTONE, t.version(), t.ttl(), t.index());
            } else if (step instanceof CommitPlan.Delete d) {
                runtime.deleteIndexed(d.key(), d.principalKey());
            } else if (step instanceof CommitPlan.Touch t) {
                runtime.touch(t.key(), t.ttl());
            } else {
                throw new IllegalStateException("unknown commit step " + step);
            }
            if (!done) {
                return i;
            }
        }
        return -1;
    }

    private SessionBackendException conflictsExhausted() {
        return new SessionBackendException("Gave up saving the session after " + MAX_ATTEMPTS
                + " conflicts with concurrent requests on the same session; nothing of this request was saved. "
                + "Retry the request; if this persists, fewer parallel requests should modify one session.");
    }

    private int nextAttempt(int attempt) {
        if (attempt == MAX_ATTEMPTS) {
            throw conflictsExhausted();
        }
        return attempt + 1;
    }

    /**
     * Re-reads a session after a lost race. Empty means the session is gone (deleted,
     * invalidated, regenerated by another request, expired or unreadable) and must stay gone.
     */
    private Optional<LoadState> reloadAfterConflict(LoadState basis, int attempt) {
        runtime.stats().conflicts.increment();
        backOff(attempt);
        String key = basis.key();
        Optional<FetchedRecord> fetched = runtime.refetch(key);
        if (fetched.isEmpty() || fetched.get().isTombstone()) {
            return Optional.empty();
        }
        try {
            return Optional.of(runtime.decodeOwned(basis.id(), key, fetched.get()));
        } catch (UnreadableRecordException e) {
            runtime.unreadable(e);
            runtime.delete(key);
            return Optional.empty();
        }
    }

    /** Spreads out requests that keep colliding on one session; the first retry goes at once. */
    private static void backOff(int attempt) {
        if (attempt < 2) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, Math.min(attempt, 20) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionBackendException("Interrupted while retrying a conflicting session save; nothing was saved");
        }
    }
}
