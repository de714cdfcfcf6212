package io.github.session4j.memcached;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;

/**
 * Ketama placement whose fallback sequence reaches every server, so that under
 * {@code FailureMode.Redistribute} a key of a dead server always finds a live one.
 *
 * <p>spymemcached 2.12.3 redistributes a key only along {@link NodeLocator#getSequence}, and
 * Ketama's sequence is seven points on the ring: the key's own (the dead primary) and six re-hashes.
 * With one of three servers dead, about one key in 600 of that server has all seven on it; the
 * client then sends its commands to the dead server, where they time out on every request until
 * the server is back. This locator keeps Ketama's primary and Ketama's seven tries (so placement
 * is what spymemcached does whenever those find a live server), then goes on through every server
 * in an order chosen by the key (rendezvous hashing over the addresses as configured): a key whose
 * tries all miss moves to the same live server on every request and on every application instance.
 */
final class RedistributingLocator implements NodeLocator {

    private final NodeLocator ketama;

    /**
     * Wraps a Ketama locator.
     *
     * @param ketama the locator that places keys while their server is up
     */
    RedistributingLocator(NodeLocator ketama) {
        this.ketama = ketama;
    }

    @Override
    public MemcachedNode getPrimary(String key) {
        return ketama.getPrimary(key);
    }

    @Override
    public Iterator<MemcachedNode> getSequence(String key) {
        return new Sequence(key, ketama.getSequence(key));
    }

    @Override
    public Collection<MemcachedNode> getAll() {
        return ketama.getAll();
    }

    @Override
    public NodeLocator getReadonlyCopy() {
        return new RedistributingLocator(ketama.getReadonlyCopy());
    }

    @Override
    public void updateLocator(List<MemcachedNode> nodes) {
        ketama.updateLocator(nodes);
    }

    /**
     * Every server, in the order this key falls back to them: highest rendezvous score first.
     *
     * @param key the key
     * @return every server once
     */
    List<MemcachedNode> fallbackOrder(String key) {
        List<MemcachedNode> nodes = new ArrayList<>(ketama.getAll());
        nodes.sort(Comparator.comparingLong((MemcachedNode node) -> score(key, node)).reversed()
                .thenComparing(RedistributingLocator::address));
        return nodes;
    }

    private static long score(String key, MemcachedNode node) {
        return DefaultHashAlgorithm.KETAMA_HASH.hash(address(node) + "/" + key);
    }

    private static String address(MemcachedNode node) {
        return MemcachedConnector.describe(node.getSocketAddress());
    }

    /** Ketama's tries, then every server in the key's fallback order (computed only if reached). */
    private final class Sequence implements Iterator<MemcachedNode> {

        private final String key;
        private Iterator<MemcachedNode> current;
        private boolean fellBack;

        Sequence(String key, Iterator<MemcachedNode> ketamaTries) {
            this.key = key;
            this.current = ketamaTries;
        }

        @Override
        public boolean hasNext() {
            if (!current.hasNext() && !fellBack) {
                current = fallbackOrder(key).iterator();
                fellBack = true;
            }
            return current.hasNext();
        }

        @Override
        public MemcachedNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more memcached servers to try for " + key);
            }
            return current.next();
        }
    }
}
