package io.github.session4j.redis;

import io.github.session4j.spi.IndexChange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link IndexChange} as the indexed write scripts take it ({@link IndexScripts}): the keys of
 * the entries it changes, appended to the write's own keys (first the entry the key leaves, then
 * the one it joins), and a mode appended as the last argument ({@code r}, {@code a} or
 * {@code ra}). The scripts apply it only when the write won. {@link #NONE} adds nothing: a write
 * without an index change runs the plain write script with exactly its own keys and arguments.
 *
 * @param entries the entry keys, in the order the mode names them
 * @param mode the mode argument
 */
record IndexArgs(byte[][] entries, byte[] mode) {

    /** No change: the script writes the record and touches no entry. */
    static final IndexArgs NONE = new IndexArgs(new byte[0][], new byte[0]);

    /**
     * The arguments of a change.
     *
     * @param change the change
     * @param names the entries' names
     * @return the arguments, {@link #NONE} for {@link IndexChange#none()}
     */
    static IndexArgs of(IndexChange change, PrincipalEntries names) {
        if (change.isNone()) {
            return NONE;
        }
        List<byte[]> entries = new ArrayList<>(2);
        StringBuilder mode = new StringBuilder(2);
        change.removed().ifPresent(pk -> {
            entries.add(names.entryKeyBytes(pk));
            mode.append('r');
        });
        change.added().ifPresent(pk -> {
            entries.add(names.entryKeyBytes(pk));
            mode.append('a');
        });
        return new IndexArgs(entries.toArray(new byte[0][]), mode.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Whether this changes no entry.
     *
     * @return true for {@link #NONE}
     */
    boolean isNone() {
        return entries.length == 0;
    }

    /**
     * The write's keys followed by the entries.
     *
     * @param keys the write's own keys
     * @return all keys of the script; {@code keys} itself for {@link #NONE}
     */
    byte[][] keys(byte[]... keys) {
        if (isNone()) {
            return keys;
        }
        byte[][] all = Arrays.copyOf(keys, keys.length + entries.length);
        System.arraycopy(entries, 0, all, keys.length, entries.length);
        return all;
    }

    /**
     * The write's arguments followed by the mode.
     *
     * @param args the write's own arguments
     * @return all arguments of the script; {@code args} itself for {@link #NONE}, whose script
     *     is the plain write's
     */
    byte[][] args(byte[]... args) {
        if (isNone()) {
            return args;
        }
        byte[][] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = mode;
        return all;
    }
}
