package io.github.session4j.codec.listed;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An application's Serializable class, listed by the tests: a cart with JDK value classes inside. */
public final class Cart implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A status, an enum nested in the listed class. */
    public enum Status { OPEN, PAID }

    /** The items. */
    public final List<Item> items = new ArrayList<>();
    /** The status. */
    public Status status = Status.OPEN;
    /** When it was opened. */
    public LocalDate opened = LocalDate.of(2026, 12, 8);
    /** Anything else, to hold JDK collections or a class the test chooses. */
    public Object extra = Map.of("coupon", List.of("WINTER", 10));

    /** An item of a cart. */
    public record Item(String sku, int quantity, BigDecimal price) implements Serializable {
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cart that && items.equals(that.items) && status == that.status
                && opened.equals(that.opened) && Objects.equals(extra, that.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, status, opened, extra);
    }
}
