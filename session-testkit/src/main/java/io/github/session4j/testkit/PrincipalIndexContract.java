package io.github.session4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.session4j.spi.ExpirySweeper;
import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordAppender;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionCounter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The {@link PrincipalIndex} capability through the SPI (DESIGN.md §5): the {@link IndexChange}
 * that rides on each kind of write, only when the write wins; paging in key order within bounds;
 * {@link PrincipalIndex#unindex} and {@link PrincipalIndex#deleteIndexed}; entries that are no
 * sessions. Run for backends that have the capability (reported as skipped, with the reason, for
 * the others), except {@link #aBackendWithoutTheIndexRefusesAnIndexChange}, which runs for the others only.
 */
abstract class PrincipalIndexContract extends KitGroup {

    PrincipalIndexContract(Supplier<KitFixture> fixture) {
        super(fixture);
    }

    /** A principal key as the core makes them: 43 base64url characters. */
    static String newPrincipalKey() {
        byte[] hash = new byte[32];
        ThreadLocalRandom.current().nextBytes(hash);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    final PrincipalIndex index() {
        Optional<PrincipalIndex> found = backend().capability(PrincipalIndex.class);
        assumeTrue(found.isPresent(), () -> backend().getClass().getName() + " has no PrincipalIndex");
        return found.get();
    }

    /** Every key indexed under {@code pk}, read page by page. */
    final List<String> allIndexed(String pk) {
        List<String> all = new ArrayList<>();
        String after = null;
        while (true) {
            List<String> page = index().indexedKeys(pk, after, PrincipalIndex.MAX_PAGE_SIZE);
            all.addAll(page);
            if (page.size() < PrincipalIndex.MAX_PAGE_SIZE) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }

    private boolean write(RecordWrite write) {
        return backend().write(write).isWritten();
    }

    private String indexedRecord(String pk) {
        index(); // skips the test on a backend without the index
        String key = newKey();
        assertThat(write(new RecordWrite.Create(key, bytes("signed in"), LONG_TTL, IndexChange.add(pk))))
                .as("create(%s) with IndexChange.add", key).isTrue();
        return key;
    }

    @Test
    void aCreateWithAddIndexesTheKeyAndOneWithNoneIndexesNothing() {
        String pk = newPrincipalKey();
        String indexed = indexedRecord(pk);
        String plain = newKey();
        write(new RecordWrite.Create(plain, bytes("anonymous"), LONG_TTL));

        assertThat(index().indexedKeys(pk, null, 10)).as("indexedKeys after a create with add and one with none")
                .containsExactly(indexed);
        assertStored(indexed, bytes("signed in"), "after a create with IndexChange.add");
        assertThat(index().indexedKeys(newPrincipalKey(), null, 10)).as("indexedKeys of a principal key never used").isEmpty();
    }

    @Test
    void aReplaceOrAppendWithNoneKeepsTheKeysMembership() {
        String pk = newPrincipalKey();
        String key = indexedRecord(pk);
        long version = loaded(key, "after create").version();
        assertThat(write(new RecordWrite.Replace(key, bytes("changed"), version, LONG_TTL)))
                .as("replace with IndexChange.none()").isTrue();
        assertThat(index().indexedKeys(pk, null, 10)).as("indexedKeys after a replace with none").containsExactly(key);
        if (backend().capability(RecordAppender.class).isPresent()) {
            long replaced = loaded(key, "after replace").version();
            assertThat(write(new RecordWrite.Append(key, bytes("+tail"), replaced, LONG_TTL))).as("append with none").isTrue();
            assertThat(index().indexedKeys(pk, null, 10)).as("indexedKeys after an append with none").containsExactly(key);
        }
    }

    @Test
    void theTombstoneOfARegeneratedSessionTakesItsKeyOut() {
        String pk = newPrincipalKey();
        String oldKey = indexedRecord(pk);
        String newKey = indexedRecord(pk);
        long version = loaded(oldKey, "after create").version();

        assertThat(write(new RecordWrite.Replace(oldKey, new byte[0], version, shortTtl(), IndexChange.remove(pk))))
                .as("the tombstone: replace with empty bytes and IndexChange.remove").isTrue();

        assertThat(index().indexedKeys(pk, null, 10)).as("indexedKeys after the old key's tombstone").containsExactly(newKey);
        assertStored(oldKey, new byte[0], "after the tombstone");
    }

    @Test
    void aWonHandOverLeavesTheNewKeyInTheEntryInsteadOfTheOld() {
        String pk = newPrincipalKey();
        String oldKey = indexedRecord(pk);
        String newKey = newKey();
        assertThat(write(new RecordWrite.Create(newKey, bytes("regenerated"), LONG_TTL, IndexChange.add(pk).deferrable())))
                .as("create(%s) with a deferrable IndexChange.add", newKey).isTrue();
        long version = loaded(oldKey, "after create").version();

        assertThat(write(new RecordWrite.Replace(oldKey, new byte[0], version, shortTtl(), IndexChange.remove(pk).handingOverTo(newKey))))
                .as("the tombstone with IndexChange.remove(pk).handingOverTo(newKey)").isTrue();

        assertThat(allIndexed(pk)).as("the entry after the tombstone's hand-over won").containsExactly(newKey);
        assertStored(oldKey, new byte[0], "after the tombstone with a hand-over");
        assertStored(newKey, bytes("regenerated"), "after the hand-over");
    }

    @Test
    void aHandOverWhoseTombstoneLosesKeepsTheOldKeyIndexed() {
        String pk = newPrincipalKey();
        String oldKey = indexedRecord(pk);
        long stale = loaded(oldKey, "after create").version();
        write(new RecordWrite.Replace(oldKey, bytes("saved by another request"), stale, LONG_TTL));
        String newKey = newKey();
        assertThat(write(new RecordWrite.Create(newKey, bytes("regenerated"), LONG_TTL, IndexChange.add(pk).deferrable())))
                .as("create(%s) with a deferrable IndexChange.add", newKey).isTrue();

        assertThat(write(new RecordWrite.Replace(oldKey, new byte[0], stale, shortTtl(), IndexChange.remove(pk).handingOverTo(newKey))))
                .as("a tombstone with a hand-over and a stale version").isFalse();
        assertThat(allIndexed(pk)).as("the entry after the hand-over lost (the new key may or may not be in yet)")
                .contains(oldKey).doesNotHaveDuplicates().isSubsetOf(oldKey, newKey);

        index().deleteIndexed(newKey, pk); // what the core does with the new key of a lost regenerate
        assertThat(allIndexed(pk)).as("the entry once the new key was taken back").containsExactly(oldKey);
        assertStored(oldKey, bytes("saved by another request"), "after the lost tombstone");
    }

    @Test
    void aMoveTakesTheKeyOutOfOneEntryAndIntoAnother() {
        String from = newPrincipalKey();
        String to = newPrincipalKey();
        String key = indexedRecord(from);
        long version = loaded(key, "after create").version();

        assertThat(write(new RecordWrite.Replace(key, bytes("other user"), version, LONG_TTL, IndexChange.move(from, to))))
                .as("replace with IndexChange.move").isTrue();

        assertThat(index().indexedKeys(from, null, 10)).as("the old principal's entry after a move").isEmpty();
        assertThat(index().indexedKeys(to, null, 10)).as("the new principal's entry after a move").containsExactly(key);
    }

    @Test
    void aWriteThatLosesItsRaceChangesNoEntry() {
        String pk = newPrincipalKey();
        String other = newPrincipalKey();
        String key = indexedRecord(pk);
        long version = loaded(key, "after create").version();
        write(new RecordWrite.Replace(key, bytes("newer"), version, LONG_TTL));

        assertThat(write(new RecordWrite.Create(key, bytes("taken"), LONG_TTL, IndexChange.add(other))))
                .as("create on a live key").isFalse();
        assertThat(write(new RecordWrite.Replace(key, new byte[0], version, LONG_TTL, IndexChange.remove(pk))))
                .as("a tombstone with a stale version").isFalse();
        assertThat(write(new RecordWrite.Replace(key, bytes("x"), version, LONG_TTL, IndexChange.move(pk, other))))
                .as("a move with a stale version").isFalse();
        String missing = newKey();
        assertThat(write(new RecordWrite.Replace(missing, bytes("x"), version, LONG_TTL, IndexChange.add(other))))
                .as("a replace of a key that holds nothing").isFalse();

        assertThat(index().indexedKeys(pk, null, 10)).as("the entry after writes that lost their race").containsExactly(key);
        assertThat(index().indexedKeys(other, null, 10)).as("the other principal's entry after writes that lost").isEmpty();
    }

    @Test
    void pagesComeInAscendingKeyOrderWithinTheirBounds() {
        String pk = newPrincipalKey();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add(indexedRecord(pk));
        }
        List<String> sorted = keys.stream().sorted().toList();

        List<String> first = index().indexedKeys(pk, null, 10);
        List<String> second = index().indexedKeys(pk, first.get(9), 10);
        List<String> third = index().indexedKeys(pk, second.get(9), 10);
        assertThat(first).as("the first page of 10 of 25 keys").containsExactlyElementsOf(sorted.subList(0, 10));
        assertThat(second).as("the page after %s", first.get(9)).containsExactlyElementsOf(sorted.subList(10, 20));
        assertThat(third).as("the last page").containsExactlyElementsOf(sorted.subList(20, 25));
        assertThat(index().indexedKeys(pk, sorted.get(24), 10)).as("the page after the last key").isEmpty();
        assertThat(index().indexedKeys(pk, null, PrincipalIndex.MAX_PAGE_SIZE)).as("one page of the largest size")
                .containsExactlyElementsOf(sorted);
        assertThatThrownBy(() -> index().indexedKeys(pk, null, 0)).as("a limit of 0").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index().indexedKeys(pk, null, PrincipalIndex.MAX_PAGE_SIZE + 1))
                .as("a limit over MAX_PAGE_SIZE").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unindexTakesKeysOutAndIgnoresKeysThatAreNotIn() {
        String pk = newPrincipalKey();
        String kept = indexedRecord(pk);
        String dropped = indexedRecord(pk);

        index().unindex(pk, List.of(dropped, newKey()));

        assertThat(index().indexedKeys(pk, null, 10)).as("the entry after unindex").containsExactly(kept);
        assertStored(dropped, bytes("signed in"), "after unindex, which leaves the record alone");
        index().unindex(pk, List.of(kept));
        assertThat(index().indexedKeys(pk, null, 10)).as("the entry after its last key was unindexed").isEmpty();
        index().unindex(newPrincipalKey(), List.of(kept)); // an entry that does not exist: no error
    }

    @Test
    void deleteIndexedDeletesTheRecordAndItsMembership() {
        String pk = newPrincipalKey();
        String ended = indexedRecord(pk);
        String other = indexedRecord(pk);

        index().deleteIndexed(ended, pk);

        assertGone(ended, "after deleteIndexed");
        assertThat(index().indexedKeys(pk, null, 10)).as("the entry after deleteIndexed").containsExactly(other);
        index().deleteIndexed(ended, pk); // deleting a missing record is no error
        index().deleteIndexed(newKey(), newPrincipalKey());
    }

    @Test
    void aLiveIndexedKeyIsNeverLeftOutAndADeadOneMayBeListedUntilUnindexed() {
        String pk = newPrincipalKey();
        String live = indexedRecord(pk);
        String plainlyDeleted = indexedRecord(pk);
        backend().delete(plainlyDeleted);

        assertThat(index().indexedKeys(pk, null, 10)).as("indexedKeys after a plain delete of one of two keys")
                .contains(live).isSubsetOf(live, plainlyDeleted);
        index().unindex(pk, List.of(plainlyDeleted));
        assertThat(index().indexedKeys(pk, null, 10)).as("indexedKeys once the dead key was unindexed").containsExactly(live);
    }

    @Test
    void entriesAreNeitherCountedNorSweptNorLoadedAsSessions() {
        String pk = newPrincipalKey();
        String key = indexedRecord(pk);
        indexedRecord(pk);
        String expiring = newKey();
        write(new RecordWrite.Create(expiring, bytes("short"), shortTtl(), IndexChange.add(pk)));
        backend().capability(SessionCounter.class).ifPresent(counter -> assertThat(counter.countLive())
                .as("countLive() with 3 indexed records under %s", prefix()).isEqualTo(3));
        letExpire(expiring);
        backend().capability(SessionCounter.class).ifPresent(counter -> assertThat(counter.countLive())
                .as("countLive() with 2 live indexed records, 1 expired").isEqualTo(2));
        Optional<ExpirySweeper> sweeper = backend().capability(ExpirySweeper.class);
        if (sweeper.isPresent() && clockMode()) {
            for (int round = 0; round < 100 && sweeper.get().sweepExpired(1000) > 0; round++) {
                // sweep until nothing is left to sweep
            }
            assertThat(allIndexed(pk)).as("the live keys of the entry after sweeps").contains(key);
            assertThat(index().indexedKeys(pk, null, 10)).as("the entry after sweeps").hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theProviderDeclaresPrincipalIndexAsTheBackendHasIt() {
        assertThat(fixture().provider().capabilities().contains(PrincipalIndex.class))
                .as("%s.capabilities() lists PrincipalIndex, as %s.capability(PrincipalIndex) answers one",
                        fixture().provider().getClass().getSimpleName(), backend().getClass().getSimpleName())
                .isEqualTo(backend().capability(PrincipalIndex.class).isPresent());
        assertThat(fixture().countingBackend(fixture().config()).capability(PrincipalIndex.class).isPresent())
                .as("the counting wrapper passes PrincipalIndex through")
                .isEqualTo(backend().capability(PrincipalIndex.class).isPresent());
    }

    @Test
    void aBackendWithoutTheIndexRefusesAnIndexChange() {
        assumeTrue(backend().capability(PrincipalIndex.class).isEmpty(),
                () -> backend().getClass().getName() + " has the PrincipalIndex, so it takes index changes");
        String key = newKey();
        String pk = newPrincipalKey();
        assertThatThrownBy(() -> backend().write(new RecordWrite.Create(key, bytes("x"), LONG_TTL, IndexChange.add(pk))))
                .as("a create with IndexChange.add on a backend without the index")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keeps no index");
        assertThat(backend().load(key)).as("load(%s) after the refused create", key).isEmpty();
        write(new RecordWrite.Create(key, bytes("x"), LONG_TTL));
        long version = loaded(key, "after create").version();
        assertThatThrownBy(() -> backend().write(new RecordWrite.Replace(key, new byte[0], version, LONG_TTL, IndexChange.remove(pk))))
                .as("a tombstone with IndexChange.remove on a backend without the index")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keeps no index");
        assertThatThrownBy(() -> backend().write(new RecordWrite.Replace(key, new byte[0], version, LONG_TTL,
                IndexChange.remove(pk).handingOverTo(newKey()))))
                .as("a tombstone with a hand-over on a backend without the index")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keeps no index");
        String other = newKey();
        assertThatThrownBy(() -> backend().write(new RecordWrite.Create(other, bytes("x"), LONG_TTL, IndexChange.add(pk).deferrable())))
                .as("a create with a deferrable IndexChange.add on a backend without the index")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keeps no index");
        assertStored(key, bytes("x"), "after the refused replace");
    }
}
