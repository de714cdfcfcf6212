package io.github.session4j.spi;

/**
 * A change to an index of records that rides along with a {@link RecordWrite}, in the same round
 * trip as the write where the store allows (DESIGN.md §5: the principal index of signed-in
 * sessions is written with the save that changes a session's principal).
 *
 * <p>Today there is only {@link #none()}: no index is kept yet. The type exists so that the write
 * command already has room for one; a backend that keeps no index refuses any other change
 * ({@link RecordWrite#requireNoIndexChange}).
 */
public final class IndexChange {

    private static final IndexChange NONE = new IndexChange();

    private IndexChange() {
    }

    /**
     * No change to any index: the write touches the record only.
     *
     * @return the empty change
     */
    public static IndexChange none() {
        return NONE;
    }

    /**
     * Whether this change leaves every index as it is.
     *
     * @return {@code true} for {@link #none()}
     */
    public boolean isNone() {
        return this == NONE;
    }

    @Override
    public String toString() {
        return isNone() ? "IndexChange[none]" : "IndexChange[...]";
    }
}
