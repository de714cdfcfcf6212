package io.github.session4j.config;

import io.github.session4j.SessionConfigException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a size in bytes: a whole number, optionally followed by a unit, case-insensitive, with or
 * without a space: {@code 512}, {@code 512B}, {@code 64KB}, {@code 64K}, {@code 64KiB}, {@code 1MB},
 * {@code 1MiB}, {@code 1GB}, {@code 1GiB}. Like Spring's {@code DataSize}, {@code KB}, {@code MB}
 * and {@code GB} count in powers of 1024, exactly as {@code KiB}, {@code MiB} and {@code GiB}.
 * Fractions and negative sizes are refused.
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:b|([kmg])(?:i?b)?)?");

    private ByteSize() {
    }

    /**
     * Parses a size.
     *
     * @param key the key the value belongs to, for the message
     * @param value the raw value
     * @return the size in bytes
     * @throws SessionConfigException if the value is not a size, or overflows a {@code long}
     */
    public static long parse(String key, String value) {
        return Parsers.parse(canonical(key), value, false, ByteSize::parse);
    }

    /**
     * Parses a size, with no key to name.
     *
     * @param value the raw value
     * @return the size in bytes
     * @throws IllegalArgumentException saying what was expected, if the value is not a size or
     *     overflows a {@code long}
     */
    static long parse(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            try {
                long amount = Long.parseLong(m.group(1));
                return Math.multiplyExact(amount, multiplier(m.group(2)));
            } catch (ArithmeticException | NumberFormatException e) {
                // too large: reported below
            }
        }
        throw new IllegalArgumentException("it must be a size in bytes such as 512, 64KB, 1MB or 1MiB"
                + " (KB, MB and GB count in 1024s, like KiB, MiB and GiB)");
    }

    private static long multiplier(String prefix) {
        if (prefix == null) {
            return 1L;
        }
        switch (prefix) {
            case "k": return 1L << 10;
            case "m": return 1L << 20;
            case "g": return 1L << 30;
            default: return 1L;
        }
    }

    private static String canonical(String key) {
        return key.trim().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
