package io.github.session4j.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.PrincipalIndex;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.testkit.Writes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * The principal index of the MongoDB backend ({@link PrincipalIndex}), checked through the side
 * door: the {@code principal} field of each session's document, changed by the same command as the
 * write and only when it wins, and listed without dead records.
 */
abstract class MongoPrincipalIndexContractTest extends MongoBackendFixture {

    /** A principal key as the core makes them: 43 base64url characters (here random, not a hash). */
    static String principalKey() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String principalOf(String key) {
        BsonDocument document = storedDocument(key).orElseThrow();
        return document.containsKey("principal") ? document.getString("principal").getValue() : null;
    }

    private boolean create(String key, String data, IndexChange index) {
        return backend.write(new RecordWrite.Create(key, bytes(data), TTL, index)).isWritten();
    }

    private boolean replace(String key, String data, IndexChange index) {
        long version = backend.load(key).orElseThrow().version();
        return backend.write(new RecordWrite.Replace(key, bytes(data), version, TTL, index)).isWritten();
    }

    @Test
    void theProviderAndTheBackendHaveTheCapability() {
        assertThat(new MongoSessionInterfaceProvider().capabilities()).contains(PrincipalIndex.class);
        assertThat(backend.capability(PrincipalIndex.class)).containsSame(backend);
    }

    @Test
    void aCreateThatAddsStoresThePrincipalKeyInTheDocumentAndListsIt() {
        String pk = principalKey();
        String key = key();

        assertThat(create(key, "signed in", IndexChange.add(pk))).isTrue();

        assertThat(principalOf(key)).isEqualTo(pk);
        assertThat(storedDocument(key).orElseThrow().keySet()).containsExactly("_id", "data", "version", "expiresAt",
                "principal");
        assertThat(backend.indexedKeys(pk, null, 10)).containsExactly(key);
    }

    @Test
    void aCreateWithNoChangeIndexesNothing() {
        String key = key();
        create(key, "anonymous", IndexChange.none());

        assertThat(storedDocument(key).orElseThrow().containsKey("principal")).isFalse();
    }

    @Test
    void replacesAndTouchesWithNoChangeKeepTheField() {
        String pk = principalKey();
        String key = key();
        create(key, "v1", IndexChange.add(pk));

        assertThat(replace(key, "v2", IndexChange.none())).isTrue();
        backend.touch(key, TTL);

        assertThat(principalOf(key)).isEqualTo(pk);
        assertThat(backend.load(key).orElseThrow().data()).isEqualTo(bytes("v2"));
        assertThat(backend.indexedKeys(pk, null, 10)).containsExactly(key);
    }

    @Test
    void aReplaceThatAddsIndexesAnAnonymousSession() {
        String pk = principalKey();
        String key = key();
        create(key, "anonymous", IndexChange.none());

        assertThat(replace(key, "signed in", IndexChange.add(pk))).isTrue();

        assertThat(principalOf(key)).isEqualTo(pk);
        assertThat(backend.indexedKeys(pk, null, 10)).containsExactly(key);
    }

    @Test
    void theTombstoneOfARegeneratedSignedInSessionRemovesTheField() {
        String pk = principalKey();
        String old = key();
        create(old, "signed in", IndexChange.add(pk));

        assertThat(replace(old, "", IndexChange.remove(pk))).isTrue();

        assertThat(principalOf(old)).isNull();
        assertThat(backend.indexedKeys(pk, null, 10)).isEmpty();
    }

    @Test
    void aMoveIndexesTheKeyUnderTheNewPrincipalOnly() {
        String alice = principalKey();
        String bob = principalKey();
        String key = key();
        create(key, "alice's", IndexChange.add(alice));

        assertThat(replace(key, "bob's", IndexChange.move(alice, bob))).isTrue();

        assertThat(backend.indexedKeys(alice, null, 10)).isEmpty();
        assertThat(backend.indexedKeys(bob, null, 10)).containsExactly(key);
    }

    @Test
    void aWriteThatLosesItsRaceChangesNoEntry() {
        String pk = principalKey();
        String other = principalKey();
        String key = key();
        create(key, "first", IndexChange.add(pk));
        long version = backend.load(key).orElseThrow().version();
        assertThat(replace(key, "second", IndexChange.none())).isTrue();

        assertThat(create(key, "create on a live key", IndexChange.add(other))).isFalse();
        assertThat(backend.write(new RecordWrite.Replace(key, bytes("stale add"), version, TTL, IndexChange.add(other)))
                .isWritten()).isFalse();
        assertThat(backend.write(new RecordWrite.Replace(key, bytes(""), version, TTL, IndexChange.remove(pk)))
                .isWritten()).isFalse();

        assertThat(principalOf(key)).isEqualTo(pk);
        assertThat(backend.indexedKeys(pk, null, 10)).containsExactly(key);
        assertThat(backend.indexedKeys(other, null, 10)).isEmpty();
    }

    @Test
    void aCreateOverAnExpiredDocumentTakesTheNewIndexChangeNotTheOldField() {
        String pk = principalKey();
        String key = key();
        backend.write(new RecordWrite.Create(key, bytes("old"), Duration.ofMinutes(1), IndexChange.add(pk)));
        clock.advance(Duration.ofMinutes(1));

        assertThat(create(key, "new anonymous", IndexChange.none())).isTrue();

        assertThat(principalOf(key)).isNull();
        assertThat(backend.indexedKeys(pk, null, 10)).isEmpty();
    }

    @Test
    void listingIsSortedPagedAndBoundedByTheLimit() {
        String pk = principalKey();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String key = key();
            keys.add(key);
            create(key, "session " + i, IndexChange.add(pk));
        }
        create(key(), "another user's", IndexChange.add(principalKey()));
        create(key(), "anonymous", IndexChange.none());
        List<String> sorted = keys.stream().sorted().toList();

        List<String> first = backend.indexedKeys(pk, null, 3);
        List<String> second = backend.indexedKeys(pk, first.get(2), 3);
        List<String> third = backend.indexedKeys(pk, second.get(2), 3);

        assertThat(first).containsExactlyElementsOf(sorted.subList(0, 3));
        assertThat(second).containsExactlyElementsOf(sorted.subList(3, 6));
        assertThat(third).containsExactlyElementsOf(sorted.subList(6, 7));
        assertThat(backend.indexedKeys(pk, third.get(0), 3)).isEmpty();
        assertThat(backend.indexedKeys(pk, null, PrincipalIndex.MAX_PAGE_SIZE)).containsExactlyElementsOf(sorted);
    }

    @Test
    void listingNeverNamesAnExpiredDocumentATombstoneOrAnotherPrefixesKey() {
        String pk = principalKey();
        String live = key();
        create(live, "live", IndexChange.add(pk));
        String expiring = key();
        backend.write(new RecordWrite.Create(expiring, bytes("short"), Duration.ofMinutes(1), IndexChange.add(pk)));
        String emptied = key();
        create(emptied, "emptied", IndexChange.add(pk));
        assertThat(replace(emptied, "", IndexChange.none())).isTrue();
        String otherApp = "other:" + key();
        create(otherApp, "another app's session of the same user", IndexChange.add(pk));
        clock.advance(Duration.ofMinutes(1));

        assertThat(backend.indexedKeys(pk, null, 10)).containsExactly(live);
        assertThat(storedDocument(expiring)).as("the server still holds the expired document").isPresent();
        assertThat(principalOf(emptied)).as("an empty record written with no change keeps its field").isEqualTo(pk);
    }

    @Test
    void aLimitOutOfRangeIsRefused() {
        assertThatThrownBy(() -> backend.indexedKeys(principalKey(), null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be 1 to 1000 but was 0");
        assertThatThrownBy(() -> backend.indexedKeys(principalKey(), null, 1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be 1 to 1000 but was 1001");
    }

    @Test
    void unindexClearsTheFieldOfTheGivenKeysUnderThatPrincipalOnly() {
        String pk = principalKey();
        String other = principalKey();
        String a = key();
        String b = key();
        String c = key();
        create(a, "a", IndexChange.add(pk));
        create(b, "b", IndexChange.add(pk));
        create(c, "c", IndexChange.add(other));

        backend.unindex(pk, List.of(a, c, key()));
        backend.unindex(pk, List.of());

        assertThat(backend.indexedKeys(pk, null, 10)).containsExactly(b);
        assertThat(backend.indexedKeys(other, null, 10)).containsExactly(c);
        assertThat(backend.load(a).orElseThrow().data()).as("the record stays").isEqualTo(bytes("a"));
    }

    @Test
    void deleteIndexedDeletesTheDocumentAndItsEntry() {
        String pk = principalKey();
        String key = key();
        create(key, "signed in", IndexChange.add(pk));

        backend.deleteIndexed(key, pk);
        backend.deleteIndexed(key, pk);

        assertThat(storedDocument(key)).isEmpty();
        assertThat(backend.indexedKeys(pk, null, 10)).isEmpty();
    }

    @Test
    void startUpCreatesThePartialIndexOnThePrincipalAndTheKey() {
        List<BsonDocument> indexes = stored().listIndexes(BsonDocument.class).into(new ArrayList<>());

        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.getString("name").getValue()).isEqualTo(MongoConnector.PRINCIPAL_INDEX);
            assertThat(index.getDocument("key")).isEqualTo(BsonDocument.parse("{principal: 1, _id: 1}"));
        });
    }

    @Test
    void startUpLeavesThePrincipalIndexAloneWhenToldTo() {
        backend.close();
        useNewCollection();
        backend = open(Map.of("SESSION_MONGODB_CREATE_INDEXES", "false"));
        create(key(), "data", IndexChange.add(principalKey()));

        List<BsonDocument> indexes = stored().listIndexes(BsonDocument.class).into(new ArrayList<>());
        assertThat(indexes).noneSatisfy(index -> assertThat(index.getDocument("key").containsKey("principal")).isTrue());
    }

    @Test
    void theFlaskSessionFormatKeepsNoIndex() {
        backend.close();
        useNewCollection();
        try (SessionInterface flask = openAny(Map.of("SESSION_RECORD_FORMAT", "flask-session"))) {
            assertThat(flask.capability(PrincipalIndex.class)).isEmpty();
            assertThatThrownBy(() -> flask.write(new RecordWrite.Create("session:flask", bytes("x"), TTL,
                    IndexChange.add(principalKey()))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the mongodb backend keeps no index of sessions");
        } finally {
            backend = open(Map.of());
        }
    }
}
