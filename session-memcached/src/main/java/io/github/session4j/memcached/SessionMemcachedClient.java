package io.github.session4j.memcached;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import net.spy.memcached.ConnectionFactory;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.ops.CASOperation;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StoreOperation;
import net.spy.memcached.ops.StoreType;

/**
 * A spymemcached client with a compare-and-swap that reports every server status.
 *
 * <p>spymemcached 2.12.3's {@code asyncCAS} throws "Unhandled state" inside its I/O thread when the
 * server answers a CAS with anything but stored, exists or not found (such as "too large"); the
 * client then drops the connection and cancels every other command in flight on it. This CAS
 * hands the status to the caller instead, who can tell a lost race from a refused record.
 */
final class SessionMemcachedClient extends MemcachedClient {

    /**
     * Connects to the servers (asynchronously, as spymemcached does).
     *
     * @param factory the connection settings
     * @param servers the resolved server addresses
     * @throws IOException if the client cannot open its selector
     */
    SessionMemcachedClient(ConnectionFactory factory, List<InetSocketAddress> servers) throws IOException {
        super(factory, servers);
    }

    /**
     * Stores {@code data} under {@code key} if the item's CAS value is still {@code casId}.
     *
     * @param key the key
     * @param casId the CAS value read by the load
     * @param expiration memcached's expiration field
     * @param data the record bytes
     * @return a future whose value is the server's status: success, {@code ERR_EXISTS} (changed),
     *     {@code ERR_NOT_FOUND} (gone), or an error such as {@code ERR_2BIG}
     */
    OperationFuture<OperationStatus> casWithStatus(String key, long casId, int expiration, byte[] data) {
        CountDownLatch latch = new CountDownLatch(1);
        OperationFuture<OperationStatus> future = new OperationFuture<>(key, latch, operationTimeout, executorService);
        CASOperation operation = opFact.cas(StoreType.set, key, casId, RawBytesTranscoder.FLAGS, expiration, data,
                new StoreOperation.Callback() {
                    @Override
                    public void receivedStatus(OperationStatus status) {
                        future.set(status, status);
                    }

                    @Override
                    public void gotData(String storedKey, long cas) {
                        future.setCas(cas);
                    }

                    @Override
                    public void complete() {
                        latch.countDown();
                        future.signalComplete();
                    }
                });
        future.setOperation(operation);
        mconn.enqueueOperation(key, operation);
        return future;
    }
}
