package io.github.session4j.memcached;

import io.github.session4j.SessionBackendException;
import io.github.session4j.spi.RecordWrite;
import io.github.session4j.spi.SessionInterface;
import io.github.session4j.spi.StoredRecord;
import io.github.session4j.spi.WriteResult;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import net.spy.memcached.CASValue;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;

/**
 * Sessions in a pool of memcached servers, one binary-protocol command per operation: {@code add}
 * creates, {@code gets} loads (its CAS value is the record's version), {@code cas} replaces,
 * {@code touch} refreshes the TTL, {@code gat} loads and refreshes in one command, and
 * {@code delete} deletes.
 *
 * <p>Memcached enforces the TTL itself, so {@link StoredRecord#expiresAt()} is always {@code null}.
 * A record the server refuses (larger than its item size limit) is a
 * {@link SessionBackendException}, never a silent loss; a record that is gone or was changed
 * meanwhile is a lost race ({@code false}).
 */
final class MemcachedSessionInterface implements SessionInterface {

    /** Memcached's item header, CAS value and line ends, rounded up: counted against the size limit. */
    private static final int ITEM_OVERHEAD_BYTES = 100;

    private static final Set<StatusCode> LOST_RACE =
            Set.of(StatusCode.ERR_EXISTS, StatusCode.ERR_NOT_FOUND, StatusCode.ERR_NOT_STORED);

    private final SessionMemcachedClient client;
    private final MemcachedSettings settings;
    private final MemcachedExpiry expiry;
    private final long itemSizeMax;
    private final RawBytesTranscoder transcoder = new RawBytesTranscoder();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the backend over a connected, checked pool.
     *
     * @param pool the pool, owned by this backend from now on
     * @param settings the validated settings
     * @param expiry the TTL converter
     */
    MemcachedSessionInterface(MemcachedConnector.Pool pool, MemcachedSettings settings, MemcachedExpiry expiry) {
        this.client = pool.client();
        this.itemSizeMax = pool.itemSizeMax();
        this.settings = settings;
        this.expiry = expiry;
    }

    @Override
    public Optional<StoredRecord> load(String key) {
        return record(key, run("gets", key, () -> client.asyncGets(key, transcoder)));
    }

    @Override
    public Optional<StoredRecord> loadAndTouch(String key, Duration ttl) {
        int expiration = expiry.expiration(ttl);
        return record(key, run("gat", key, () -> client.asyncGetAndTouch(key, expiration, transcoder)));
    }

    /**
     * Memcached's {@code gat} reads and sets the TTL in one command.
     *
     * @return {@code true}
     */
    @Override
    public boolean refreshesInLoad() {
        return true;
    }

    /**
     * {@code add} for a create, {@code cas} for a replace, each one command. Neither answers the
     * CAS value the server gave the record, so a write is {@link WriteResult#writtenVersionUnknown()}.
     *
     * @throws UnsupportedOperationException for an append: memcached's {@code append} takes no CAS
     *     value in this client and would not change the record's version atomically, so this backend
     *     has no {@link io.github.session4j.spi.RecordAppender}
     */
    @Override
    public WriteResult write(RecordWrite write) {
        RecordWrite.requireNoIndexChange(write, "memcached");
        return write.match(create -> written(createRecord(create.key(), create.record(), create.ttl())),
                replace -> written(replaceRecord(replace.key(), replace.record(), replace.expectedVersion(), replace.ttl())),
                append -> {
                    throw append.unsupported("memcached");
                });
    }

    private static WriteResult written(boolean written) {
        return written ? WriteResult.writtenVersionUnknown() : WriteResult.lostRace();
    }

    private boolean createRecord(String key, byte[] record, Duration ttl) {
        int expiration = expiry.expiration(ttl);
        checkSize(key, record);
        Outcome<Boolean> added = run("add", key, () -> client.add(key, expiration, record, transcoder));
        return Boolean.TRUE.equals(added.value()) || lostRace("add", key, record, added.status());
    }

    private boolean replaceRecord(String key, byte[] record, long expectedVersion, Duration ttl) {
        int expiration = expiry.expiration(ttl);
        checkSize(key, record);
        if (expectedVersion == 0) {
            // memcached's CAS values start at 1, and a CAS of 0 would be an unconditional set
            MemcachedKeys.check(key);
            return false;
        }
        Outcome<OperationStatus> swapped =
                run("cas", key, () -> client.casWithStatus(key, expectedVersion, expiration, record));
        return swapped.status().isSuccess() || lostRace("cas", key, record, swapped.status());
    }

    @Override
    public void delete(String key) {
        Outcome<Boolean> deleted = run("delete", key, () -> client.delete(key));
        requireSuccessOrMissing("delete", key, deleted);
    }

    @Override
    public void touch(String key, Duration ttl) {
        int expiration = expiry.expiration(ttl);
        Outcome<Boolean> touched = run("touch", key, () -> client.touch(key, expiration));
        requireSuccessOrMissing("touch", key, touched);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.shutdown(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A command's value with the server's status. */
    private record Outcome<T>(T value, OperationStatus status) {
    }

    private Optional<StoredRecord> record(String key, Outcome<CASValue<byte[]>> found) {
        if (found.value() != null) {
            return Optional.of(new StoredRecord(found.value().getValue(), found.value().getCas(), null));
        }
        if (found.status().getStatusCode() != StatusCode.ERR_NOT_FOUND) {
            throw failed("read", found.status(), key);
        }
        return Optional.empty();
    }

    private boolean lostRace(String command, String key, byte[] record, OperationStatus status) {
        if (LOST_RACE.contains(status.getStatusCode())) {
            return false;
        }
        if (status.getStatusCode() == StatusCode.ERR_2BIG) {
            // memcached unlinks the old item when it refuses a too large set, and a binary cas is a set
            throw tooLarge(record, "memcached on " + server(key) + " refused the " + command
                    + (command.equals("cas") ? " and dropped the stored record, as it does when it refuses a value" : ""));
        }
        throw failed(command, status, key);
    }

    /** Refuses a record that cannot fit before sending it, so that the stored record stays intact. */
    private void checkSize(String key, byte[] record) {
        long itemBytes = (long) record.length + key.length() + ITEM_OVERHEAD_BYTES;
        if (itemBytes > itemSizeMax) {
            throw tooLarge(record, "nothing was sent and the stored session is unchanged");
        }
    }

    private SessionBackendException tooLarge(byte[] record, String outcome) {
        return new SessionBackendException("the session record is " + record.length + " bytes, over memcached's item"
                + " size limit (-I, default 1 MB; the servers reported item_size_max=" + limit() + " bytes at start-up,"
                + " and the key and about " + ITEM_OVERHEAD_BYTES + " bytes of item header count too): " + outcome
                + "; store less in the session or start memcached with a larger -I");
    }

    private void requireSuccessOrMissing(String command, String key, Outcome<Boolean> outcome) {
        StatusCode code = outcome.status().getStatusCode();
        if (!Boolean.TRUE.equals(outcome.value()) && code != StatusCode.ERR_NOT_FOUND) {
            throw failed(command, outcome.status(), key);
        }
    }

    private SessionBackendException failed(String command, OperationStatus status, String key) {
        return new SessionBackendException("memcached on " + server(key) + " refused the "
                + command + ": " + status.getStatusCode() + " " + status.getMessage().trim());
    }

    private <T> Outcome<T> run(String command, String key, Supplier<OperationFuture<T>> send) {
        if (closed.get()) {
            throw new IllegalStateException("the memcached session backend is closed");
        }
        MemcachedKeys.check(key);
        OperationFuture<T> future;
        try {
            future = send.get();
        } catch (IllegalStateException e) {
            throw new SessionBackendException("memcached cannot take the " + command + " for the server " + server(key)
                    + ": " + e.getMessage() + "; check that the server is up and not overloaded", e);
        }
        try {
            T value = future.get(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome<>(value, future.getStatus());
        } catch (TimeoutException e) {
            throw new SessionBackendException("memcached on " + server(key) + " did not answer the " + command + " within "
                    + settings.operationTimeout().toMillis() + "ms (" + MemcachedSettings.OPERATION_TIMEOUT
                    + "): check that the server is up and not overloaded, or raise the timeout", e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof CancellationException) {
                throw new SessionBackendException("the memcached " + command + " was cancelled because the connection to "
                        + server(key) + " was lost or the server is down (" + MemcachedSettings.FAILURE_MODE + "="
                        + settings.failureModeName() + "); check that the server runs", e);
            }
            throw new SessionBackendException("the memcached " + command + " failed on " + server(key) + ": "
                    + cause.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionBackendException("interrupted while waiting for the memcached " + command, e);
        }
    }

    private String server(String key) {
        return MemcachedConnector.describe(client.getNodeLocator().getPrimary(key).getSocketAddress());
    }

    private String limit() {
        return itemSizeMax == Long.MAX_VALUE ? "unknown" : Long.toString(itemSizeMax);
    }
}
