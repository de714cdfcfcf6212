package io.github.session4j.memory;

import static io.github.session4j.memory.KitCatchesBrokenBackendsTest.failuresOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.codec.RecordFormat;
import io.github.session4j.codec.UnreadableRecordException;
import io.github.session4j.codec.ValueTypes;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.spi.WriteResult;
import io.github.session4j.testkit.ForwardingSessionInterface;
import io.github.session4j.testkit.MemorySideDoor;
import io.github.session4j.testkit.SideDoor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The kit's principal-index groups can fail: they run against memory backends whose index is
 * broken in one way each (it forgets to unindex and prune, files entries under the raw principal,
 * keeps the old key of a tombstone, indexes writes that lost, or takes index changes without
 * having an index), and the tests that guard that rule must fail; a backend without the index
 * that refuses index changes passes the whole kit.
 */
class KitCatchesBrokenIndexesTest {

    @Test
    void anIndexThatForgetsToUnindexAndPruneIsCaught() {
        assertThat(failuresOf(ForgetsToUnindex.class)).contains(
                "unindexTakesKeysOutAndIgnoresKeysThatAreNotIn",
                "deleteIndexedDeletesTheRecordAndItsMembership",
                "aLiveIndexedKeyIsNeverLeftOutAndADeadOneMayBeListedUntilUnindexed",
                "signingOutOrInvalidatingTakesTheSessionOutOfTheIndex",
                "deadMembersAreNeverListedAndAreRepaired");
    }

    @Test
    void anIndexUnderTheRawPrincipalIsCaught() {
        assertThat(failuresOf(IndexesTheRawPrincipal.class)).containsExactly("noStoredNameHoldsThePrincipalInClear");
    }

    @Test
    void anIndexThatKeepsTheKeyOfATombstoneIsCaught() {
        assertThat(failuresOf(IgnoresRemovals.class)).contains(
                "theTombstoneOfARegeneratedSessionTakesItsKeyOut",
                "aMoveTakesTheKeyOutOfOneEntryAndIntoAnother");
    }

    @Test
    void anIndexThatDefersTheAddToTheHandOverAsARedisClusterDoesPassesTheWholeKit() {
        assertThat(failuresOf(DefersToTheHandOver.class)).isEmpty();
    }

    @Test
    void anIndexThatDefersTheAddAndForgetsTheHandOverIsCaught() {
        assertThat(failuresOf(ForgetsTheHandOver.class)).contains(
                "aWonHandOverLeavesTheNewKeyInTheEntryInsteadOfTheOld",
                "aReSignInWhoseTombstoneLosesItsRaceIsIndexedOnceUnderItsNewId");
    }

    @Test
    void anIndexThatHandsOverForATombstoneThatLostIsCaught() {
        assertThat(failuresOf(HandsOverForLosers.class)).contains("aHandOverWhoseTombstoneLosesKeepsTheOldKeyIndexed");
    }

    @Test
    void anIndexChangedByWritesThatLostIsCaught() {
        assertThat(failuresOf(IndexesLosers.class)).contains("aWriteThatLosesItsRaceChangesNoEntry");
    }

    @Test
    void aBackendWithoutTheIndexThatTakesIndexChangesIsCaught() {
        assertThat(failuresOf(AcceptsIndexChangesWithoutAnIndex.class)).containsExactly("aBackendWithoutTheIndexRefusesAnIndexChange");
    }

    @Test
    void aBackendWithoutTheIndexThatRefusesIndexChangesPassesTheWholeKit() {
        assertThat(failuresOf(WithoutIndex.class)).isEmpty();
    }

    /** The same write without its index change, for the intact memory backend under a wrapper that handles the index. */
    static RecordWrite withoutIndexChange(RecordWrite write) {
        return write.match(c -> new RecordWrite.Create(c.key(), c.record(), c.ttl()),
                r -> new RecordWrite.Replace(r.key(), r.record(), r.expectedVersion(), r.ttl()),
                a -> new RecordWrite.Append(a.key(), a.tail(), a.expectedVersion(), a.ttl()));
    }

    /** A memory kit whose backends carry an index of their own, which the subclass breaks; its side door sees that index. */
    abstract static class OwnIndexKit extends MemoryCompatibilityTest {
        final List<OwnIndex> indexes = new CopyOnWriteArrayList<>();

        abstract OwnIndex wrap(SessionInterface intact);

        @Override
        protected SessionInterfaceProvider provider() {
            return new TrackingMemoryProvider(stores, intact -> {
                OwnIndex own = wrap(intact);
                indexes.add(own);
                return own;
            });
        }

        @Override
        protected SideDoor sideDoor() {
            return new MemorySideDoor(stores, clock()).withIndex(prefix -> {
                List<String> contents = new ArrayList<>();
                indexes.forEach(index -> contents.addAll(index.contents()));
                return contents;
            });
        }
    }

    /**
     * The memory backend's records, with the writes' index changes applied to an index of this
     * wrapper's own, correctly unless a subclass overrides a step.
     */
    static class OwnIndex extends ForwardingSessionInterface implements PrincipalIndex {
        private final Map<String, NavigableSet<String>> entries = new HashMap<>();
        /** The name each entry is stored under, principal key to name. */
        private final Map<String, String> names = new HashMap<>();

        OwnIndex(SessionInterface intact) {
            super(intact);
        }

        @Override
        protected WriteResult create(RecordWrite.Create write) {
            return applied(write, delegate.write(withoutIndexChange(write)));
        }

        @Override
        protected WriteResult replace(RecordWrite.Replace write) {
            return applied(write, delegate.write(withoutIndexChange(write)));
        }

        @Override
        protected WriteResult append(RecordWrite.Append write) {
            return applied(write, delegate.write(withoutIndexChange(write)));
        }

        WriteResult applied(RecordWrite write, WriteResult result) {
            if (result.isWritten()) {
                apply(write, write.index());
            }
            return result;
        }

        synchronized void apply(RecordWrite write, IndexChange change) {
            change.removed().ifPresent(pk -> remove(pk, write.key()));
            change.added().ifPresent(pk -> {
                names.putIfAbsent(pk, nameOf(pk, write));
                entries.computeIfAbsent(pk, p -> new TreeSet<>()).add(write.key());
            });
        }

        /** The second half of a hand-over: the new key joins the entry the write's key left. */
        synchronized void handOver(IndexChange change) {
            change.handedOverTo().ifPresent(newKey -> {
                String pk = change.removed().orElseThrow();
                names.putIfAbsent(pk, pk);
                entries.computeIfAbsent(pk, p -> new TreeSet<>()).add(newKey);
            });
        }

        /** The name an entry is stored under: its principal key. */
        String nameOf(String pk, RecordWrite write) {
            return pk;
        }

        synchronized void remove(String pk, String key) {
            NavigableSet<String> keys = entries.get(pk);
            if (keys != null) {
                keys.remove(key);
            }
        }

        synchronized List<String> contents() {
            List<String> contents = new ArrayList<>(names.values());
            entries.values().forEach(contents::addAll);
            return contents;
        }

        @Override
        public synchronized List<String> indexedKeys(String principalKey, String after, int limit) {
            if (limit < 1 || limit > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("limit " + limit);
            }
            NavigableSet<String> keys = entries.getOrDefault(principalKey, new TreeSet<>());
            return (after == null ? keys : keys.tailSet(after, false)).stream().limit(limit).toList();
        }

        @Override
        public synchronized void unindex(String principalKey, Collection<String> keys) {
            keys.forEach(key -> remove(principalKey, key));
        }

        @Override
        public synchronized void deleteIndexed(String key, String principalKey) {
            delegate.delete(key);
            remove(principalKey, key);
        }
    }

    /** unindex does nothing and deleteIndexed only deletes the record: dead keys stay listed for ever. */
    static class ForgetsToUnindex extends OwnIndexKit {
        @Override
        OwnIndex wrap(SessionInterface intact) {
            return new OwnIndex(intact) {
                @Override
                public void unindex(String principalKey, Collection<String> keys) {
                    // broken on purpose
                }

                @Override
                public void deleteIndexed(String key, String principalKey) {
                    delegate.delete(key);
                }
            };
        }
    }

    /** Files each entry under the principal it reads from the record, in clear. */
    static class IndexesTheRawPrincipal extends OwnIndexKit {
        @Override
        OwnIndex wrap(SessionInterface intact) {
            RecordFormat format = RecordFormat.create(SessionConfig.builder().build(), ValueTypes.none());
            return new OwnIndex(intact) {
                @Override
                String nameOf(String pk, RecordWrite write) {
                    if (write instanceof RecordWrite.Create create) {
                        try {
                            Optional<String> principal = format.read(write.key(), create.record()).record().extensions().principal();
                            if (principal.isPresent()) {
                                return "principal:" + principal.get();
                            }
                        } catch (UnreadableRecordException e) {
                            // the SPI groups write bytes that are no session record
                        }
                    }
                    return pk;
                }
            };
        }
    }

    /** Applies additions only: the old key of a regenerated session stays in its entry. */
    static class IgnoresRemovals extends OwnIndexKit {
        @Override
        OwnIndex wrap(SessionInterface intact) {
            return new OwnIndex(intact) {
                @Override
                synchronized void apply(RecordWrite write, IndexChange change) {
                    super.apply(write, change.added().map(IndexChange::add).orElse(IndexChange.none()));
                }
            };
        }
    }

    /**
     * Correct, the way a Redis Cluster works: a deferrable add is left out at create time, and a
     * won tombstone's hand-over takes the old key out and puts the new one in.
     */
    static class DefersToTheHandOver extends OwnIndexKit {
        @Override
        OwnIndex wrap(SessionInterface intact) {
            return new OwnIndex(intact) {
                @Override
                synchronized void apply(RecordWrite write, IndexChange change) {
                    if (change.isDeferrable()) {
                        return;
                    }
                    super.apply(write, change);
                    handOver(change);
                }
            };
        }
    }

    /** Leaves a deferrable add out and then ignores the hand-over: a re-signed-in session is never indexed. */
    static class ForgetsTheHandOver extends OwnIndexKit {
        @Override
        OwnIndex wrap(SessionInterface intact) {
            return new OwnIndex(intact) {
                @Override
                synchronized void apply(RecordWrite write, IndexChange change) {
                    if (!change.isDeferrable()) {
                        super.apply(write, change);
                    }
                }
            };
        }
    }

    /** Defers like a Redis Cluster, but hands over when the tombstone lost too: the live old key leaves the entry. */
    static class HandsOverForLosers extends OwnIndexKit {
        @Override
        OwnIndex wrap(SessionInterface intact) {
            return new OwnIndex(intact) {
                @Override
                WriteResult applied(RecordWrite write, WriteResult result) {
                    IndexChange change = write.index();
                    if (change.isDeferrable()) {
                        return result;
                    }
                    if (result.isWritten() || change.handedOverTo().isPresent()) {
                        apply(write, change);
                        handOver(change);
                    }
                    return result;
                }
            };
        }
    }

    /** Applies the index change whether or not the write won. */
    static class IndexesLosers extends OwnIndexKit {
        @Override
        OwnIndex wrap(SessionInterface intact) {
            return new OwnIndex(intact) {
                @Override
                WriteResult applied(RecordWrite write, WriteResult result) {
                    apply(write, write.index());
                    return result;
                }
            };
        }
    }

    /** Has no index, declares none, and drops index changes silently instead of refusing them. */
    static class AcceptsIndexChangesWithoutAnIndex extends WithoutIndex {
        @Override
        SessionInterface wrap(SessionInterface intact) {
            return new NoIndex(intact) {
                @Override
                void refuseIndexChange(RecordWrite write) {
                    // broken on purpose: the change is dropped, the write goes through
                }
            };
        }
    }

    /** Has no index, declares none, and refuses index changes as RecordWrite.requireNoIndexChange does. */
    static class WithoutIndex extends MemoryCompatibilityTest {
        SessionInterface wrap(SessionInterface intact) {
            return new NoIndex(intact);
        }

        @Override
        protected SessionInterfaceProvider provider() {
            Set<Class<?>> capabilities = new HashSet<>(new MemorySessionInterfaceProvider().capabilities());
            capabilities.remove(PrincipalIndex.class);
            UnaryOperator<SessionInterface> wrapper = this::wrap;
            return new TrackingMemoryProvider(stores, wrapper, capabilities);
        }
    }

    /** The memory backend without its index. */
    static class NoIndex extends ForwardingSessionInterface {
        NoIndex(SessionInterface intact) {
            super(intact);
        }

        void refuseIndexChange(RecordWrite write) {
            RecordWrite.requireNoIndexChange(write, "index-less memory");
        }

        @Override
        protected WriteResult create(RecordWrite.Create write) {
            refuseIndexChange(write);
            return delegate.write(withoutIndexChange(write));
        }

        @Override
        protected WriteResult replace(RecordWrite.Replace write) {
            refuseIndexChange(write);
            return delegate.write(withoutIndexChange(write));
        }

        @Override
        protected WriteResult append(RecordWrite.Append write) {
            refuseIndexChange(write);
            return delegate.write(withoutIndexChange(write));
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return type == PrincipalIndex.class ? Optional.empty() : super.capability(type);
        }
    }
}
