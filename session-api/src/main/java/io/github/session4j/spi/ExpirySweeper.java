package io.github.session4j.spi;

/**
 * Optional capability of a backend whose store does not remove expired records by itself
 * (SQL databases, the filesystem): deletes expired records in small batches.
 *
 * <p>The core calls it when {@code SESSION_CLEANUP_N_REQUESTS} is set; backends may also run
 * it on a schedule of their own.
 */
public interface ExpirySweeper {

    /**
     * Deletes at most {@code maxRecords} expired records.
     *
     * @param maxRecords the upper bound of records to delete in this call, positive
     * @return how many records were deleted
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    int sweepExpired(int maxRecords);
}
