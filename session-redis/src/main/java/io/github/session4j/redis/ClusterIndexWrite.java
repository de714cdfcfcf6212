package io.github.session4j.redis;

import io.github.session4j.spi.IndexChange;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.WriteResult;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The index change of a write on a Redis Cluster, where a record and its principal's entry live in
 * different hash slots, so no one script can write both: the change is one more command
 * ({@code EVALSHA} of {@link IndexScripts#ADD} or {@link IndexScripts#UNINDEX} in the entry's slot).
 *
 * <ul>
 *   <li>A create that adds its key (a sign-in) adds it <em>first</em>, then creates the record: a
 *       client that dies between the two leaves a member whose record never came, which the next
 *       read of the entry drops, instead of a live session that the index hides. If the create
 *       loses, the member is taken out again, unless it was there before (a retried create whose
 *       first try won).</li>
 *   <li>Every other change follows the write, only when the write won: a removal (the tombstone
 *       of a regenerated session, whose member then points at a record that is gone or empty), and
 *       the add of a replace or append (a key that stays while its principal changes; a client
 *       that dies between the two leaves that session unindexed until its record expires). A move
 *       is two such commands, one per entry.</li>
 *   <li>A hand-over (a signed-in session regenerated under the same principal): the create's
 *       {@linkplain IndexChange#deferrable() deferrable} add is not sent; once the old key's
 *       tombstone won, one command in the entry's slot takes the old key out and adds the new one
 *       ({@link IndexScripts#HAND_OVER}). Until then the old key stays indexed, so a failure or a
 *       crash before the tombstone won hides no live session (the new record is unindexed, but its
 *       ID never reached the client); a crash after it leaves the old key as a dead member, which
 *       the next listing drops.</li>
 * </ul>
 */
final class ClusterIndexWrite {

    private final RedisClusterCommands<byte[], byte[]> commands;
    private final PrincipalEntries entries;
    private final RedisCall redis;

    ClusterIndexWrite(RedisClusterCommands<byte[], byte[]> commands, PrincipalEntries entries, RedisCall redis) {
        this.commands = commands;
        this.entries = entries;
        this.redis = redis;
    }

    /**
     * Writes the record with {@code record} and applies the write's index change around it.
     *
     * @param write the write, whose change is not {@link IndexChange#none()}
     * @param record writes the record alone and says whether it won
     * @return what {@code record} answered
     */
    WriteResult write(RecordWrite write, Supplier<WriteResult> record) {
        IndexChange change = write.index();
        String key = write.key();
        String added = change.added().orElse(null);
        String removed = change.removed().orElse(null);
        boolean create = write instanceof RecordWrite.Create;
        // checked before any command, so that a bad principal key writes nothing
        byte[] addedEntry = added == null ? null : entries.entryKeyBytes(added);
        byte[] removedEntry = removed == null ? null : entries.entryKeyBytes(removed);
        boolean addedFirst = create && addedEntry != null && !change.isDeferrable() && add(addedEntry, key, "before the create");
        WriteResult result = record.get();
        if (!result.isWritten()) {
            if (addedFirst) {
                remove(addedEntry, key, "after the create lost");
            }
            return result;
        }
        String handedOverTo = change.handedOverTo().orElse(null);
        if (removedEntry != null && handedOverTo != null) {
            handOver(removedEntry, key, handedOverTo);
        } else if (removedEntry != null) {
            remove(removedEntry, key, "after the write won");
        }
        if (addedEntry != null && !create) {
            add(addedEntry, key, "after the write won");
        }
        return result;
    }

    private boolean add(byte[] entry, String key, String when) {
        byte[][] keys = {entry};
        byte[] member = key.getBytes(StandardCharsets.UTF_8);
        return redis.call("EVALSHA (principal index: add key " + key + " " + when + ")",
                () -> IndexScripts.ADD.run(commands, keys, member)) == 1L;
    }

    private void handOver(byte[] entry, String key, String newKey) {
        byte[][] keys = {entry};
        byte[] oldMember = key.getBytes(StandardCharsets.UTF_8);
        byte[] newMember = newKey.getBytes(StandardCharsets.UTF_8);
        redis.call("EVALSHA (principal index: hand key " + key + " over to " + newKey + " after the tombstone won)",
                () -> IndexScripts.HAND_OVER.run(commands, keys, oldMember, newMember));
    }

    private void remove(byte[] entry, String key, String when) {
        byte[][] keys = {entry};
        byte[] member = key.getBytes(StandardCharsets.UTF_8);
        redis.call("EVALSHA (principal index: remove key " + key + " " + when + ")",
                () -> IndexScripts.UNINDEX.run(commands, keys, member));
    }
}
