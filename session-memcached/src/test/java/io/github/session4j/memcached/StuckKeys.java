package io.github.session4j.memcached;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;

/**
 * Finds store keys that spymemcached's own Ketama redistribution cannot move off a server: every
 * node of {@link KetamaNodeLocator#getSequence} (the locator spymemcached builds for
 * {@code Locator.CONSISTENT} with the Ketama hash) is that server.
 */
final class StuckKeys {

    private static final int MAX_CANDIDATES = 20_000_000;

    private StuckKeys() {
    }

    /**
     * Draws session-like keys ({@code pool:} + 43 base64url characters) until enough are stuck.
     *
     * @param locator the pool's locator, whose servers and primaries are used
     * @param server the address of the server, as {@code 127.0.0.1:PORT}
     * @param count how many keys
     * @return keys whose primary and every Ketama try is {@code server}
     */
    static List<String> find(NodeLocator locator, String server, int count) {
        KetamaNodeLocator ketama = new KetamaNodeLocator(new ArrayList<>(locator.getAll()),
                DefaultHashAlgorithm.KETAMA_HASH);
        Random random = new Random(42);
        byte[] hash = new byte[32];
        List<String> stuck = new ArrayList<>();
        for (int candidate = 0; candidate < MAX_CANDIDATES && stuck.size() < count; candidate++) {
            random.nextBytes(hash);
            String key = "pool:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            if (address(locator.getPrimary(key)).equals(server) && onlyOn(ketama.getSequence(key), server)) {
                stuck.add(key);
            }
        }
        if (stuck.size() < count) {
            throw new AssertionError("found only " + stuck.size() + " of " + count + " keys whose Ketama tries all land on "
                    + server + " among " + MAX_CANDIDATES + " candidates");
        }
        return stuck;
    }

    private static boolean onlyOn(Iterator<MemcachedNode> sequence, String server) {
        while (sequence.hasNext()) {
            if (!address(sequence.next()).equals(server)) {
                return false;
            }
        }
        return true;
    }

    private static String address(MemcachedNode node) {
        return MemcachedConnector.describe(node.getSocketAddress());
    }
}
