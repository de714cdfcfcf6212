package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.memory.MemorySessionInterface;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CommitExecutor}'s retries, call by call: a new ID found taken is replaced without
 * repeating the steps before the create, and a lost race undoes what the plan created, reloads
 * and saves again.
 */
class CommitExecutorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Logged store = new Logged(new MemorySessionInterface(clock));
    private SessionManager manager;

    /** Logs every call by name and can report the next creates as taken. */
    private static final class Logged implements SessionInterface {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger takenCreates = new AtomicInteger();
        private final SessionInterface delegate;

        Logged(SessionInterface delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<StoredRecord> load(String key) {
            calls.add("load");
            return delegate.load(key);
        }

        @Override
        public WriteResult write(RecordWrite write) {
            boolean create = write instanceof RecordWrite.Create;
            if (create && takenCreates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                calls.add("create (taken)");
                return WriteResult.lostRace();
            }
            WriteResult result = delegate.write(write);
            String name = create ? "create" : write instanceof RecordWrite.Replace ? "replace" : "append";
            calls.add(result.isWritten() ? name : name + (create ? " (taken)" : " (lost)"));
            return result;
        }

        @Override
        public void delete(String key) {
            calls.add("delete");
            delegate.delete(key);
        }

        @Override
        public void touch(String key, Duration ttl) {
            calls.add("touch");
            delegate.touch(key, ttl);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private SessionManager manager() {
        manager = SessionManager.builder(SessionConfig.builder().build()).clock(clock).backend("memory", store).build();
        return manager;
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private SessionContext begin(String id) {
        return manager.begin(id == null ? RequestHeaders.none() : RequestHeaders.cookie("session=" + id));
    }

    private static String id(CommitResult result) {
        String cookie = result.header("Set-Cookie").orElseThrow();
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    private String stored(Consumer<Session> code) {
        SessionContext context = begin(null);
        code.accept(context.session());
        String id = id(context.commit());
        store.calls.clear();
        return id;
    }

    @Test
    void aNewSessionWhoseIdIsTakenIsCreatedUnderAnother() {
        manager();
        store.takenCreates.set(1);
        SessionContext context = begin(null);
        context.session().put("user", "ada");
        String firstId = context.sessionId();

        CommitResult result = context.commit();

        assertThat(store.calls).containsExactly("create (taken)", "create");
        assertThat(id(result)).isNotEqualTo(firstId).isEqualTo(context.sessionId());
        assertThat(manager.backend().load(manager.storeKey(id(result)))).isPresent();
    }

    @Test
    void anInvalidatedAndRefilledSessionDeletesTheOldRecordOnceWhateverTheIdsTaken() {
        manager();
        String id = stored(s -> s.put("user", "ada"));
        store.takenCreates.set(2);
        SessionContext context = begin(id);
        context.session().invalidate();
        context.session().put("user", "bob");

        CommitResult result = context.commit();

        assertThat(store.calls).containsExactly("load", "delete", "create (taken)", "create (taken)", "create");
        assertThat(id(result)).isNotEqualTo(id);
        assertThat(manager.backend().load(manager.storeKey(id))).isEmpty();
    }

    @Test
    void threeTakenIdsMeanTheStoreDoesNotHonourCreateIfAbsent() {
        manager();
        store.takenCreates.set(3);
        SessionContext context = begin(null);
        context.session().put("user", "ada");

        assertThatThrownBy(context::commit)
                .isInstanceOf(SessionBackendException.class)
                .hasMessage("The store reported three freshly generated random session IDs as taken; "
                        + "it is not honouring create-if-absent. Check the backend.");
        assertThat(store.calls).containsExactly("create (taken)", "create (taken)", "create (taken)");
    }

    @Test
    void aRegenerateThatLosesTheRaceDeletesItsNewRecordReloadsAndMovesTheFreshData() {
        manager();
        String id = stored(s -> s.put("user", "ada"));
        SessionContext slow = begin(id);
        slow.session().put("cart", 1L);
        slow.session().regenerate();
        SessionContext fast = begin(id);
        fast.session().put("theme", "dark");
        fast.commit();
        store.calls.clear();

        CommitResult result = slow.commit();

        assertThat(store.calls).containsExactly("create", "replace (lost)", "delete", "load", "create", "replace");
        SessionContext next = begin(id(result));
        assertThat(next.session()).containsEntry("user", "ada").containsEntry("cart", 1L).containsEntry("theme", "dark");
        assertThat(manager.stats().conflicts()).isEqualTo(1);
    }

    @Test
    void aModifiedSessionDeletedMeanwhileStaysDeletedAndItsCookieExpires() {
        manager();
        String id = stored(s -> s.put("user", "ada"));
        SessionContext slow = begin(id);
        slow.session().put("cart", 1L);
        SessionContext fast = begin(id);
        fast.session().invalidate();
        fast.commit();
        store.calls.clear();

        CommitResult result = slow.commit();

        assertThat(store.calls).containsExactly("replace (lost)", "load");
        assertThat(result.header("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(manager.backend().load(manager.storeKey(id))).isEmpty();
    }
}
