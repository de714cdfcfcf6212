package io.github.session4j.codec;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of the record format, read from a {@link SessionConfig} with every problem
 * collected into one message. Secrets never appear in a message.
 */
record RecordSettings(String format, Optional<String> secretKey, List<String> fallbackKeys, int maxSize,
        int maxDepth, boolean encrypt, boolean deltaWrites) {

    static final String FORMAT = "SESSION_SERIALIZATION_FORMAT";
    static final String SECRET_KEY = "SECRET_KEY";
    static final String FALLBACKS = "SECRET_KEY_FALLBACKS";
    static final String MAX_SIZE = "SESSION_MAX_SIZE";
    static final String MAX_DEPTH = "SESSION_MAX_DEPTH";
    static final String ENCRYPT = "SESSION_ENCRYPT";
    static final String DELTA_WRITES = "SESSION_DELTA_WRITES";

    static final int DEFAULT_MAX_SIZE = 524_288;
    static final int DEFAULT_MAX_DEPTH = 32;
    /** The same limits as {@code CoreSettings}, which validates these keys first in a manager. */
    static final long MAX_SIZE_LIMIT = 1L << 30;
    static final int MAX_DEPTH_LIMIT = 1000;

    static RecordSettings from(SessionConfig config) {
        List<String> problems = new ArrayList<>();
        String format = config.getString(FORMAT, "msgpack").trim().toLowerCase(Locale.ROOT);
        if (!format.equals("msgpack") && !format.equals("json")) {
            problems.add(FORMAT + " was '" + config.getString(FORMAT, "") + "' but it must be msgpack or json");
        }
        Optional<String> secret = config.getSecret(SECRET_KEY);
        List<String> fallbacks = config.getList(FALLBACKS);
        if (!fallbacks.isEmpty() && secret.isEmpty()) {
            problems.add(FALLBACKS + " is set but " + SECRET_KEY + " is not; set " + SECRET_KEY
                    + " to the current key (the fallbacks only verify older records)");
        }
        int maxSize = size(config, problems);
        int maxDepth = depth(config, problems);
        boolean encrypt = false;
        try {
            encrypt = config.getBoolean(ENCRYPT, false);
        } catch (SessionConfigException e) {
            problems.add(e.getMessage());
        }
        boolean deltaWrites = false;
        try {
            deltaWrites = config.getBoolean(DELTA_WRITES, false);
        } catch (SessionConfigException e) {
            problems.add(e.getMessage());
        }
        if (encrypt && secret.isEmpty()) {
            problems.add(ENCRYPT + "=true needs " + SECRET_KEY + ": set " + SECRET_KEY
                    + " to a long random string, or set " + ENCRYPT + "=false");
        }
        if (!problems.isEmpty()) {
            throw new SessionConfigException(String.join("\n", problems));
        }
        return new RecordSettings(format, secret, fallbacks, maxSize, maxDepth, encrypt, deltaWrites);
    }

    /** Through {@link SessionConfig#getSize}: plain bytes, or KB, MB, GB (in 1024s). */
    private static int size(SessionConfig config, List<String> problems) {
        long bytes;
        try {
            bytes = config.getSize(MAX_SIZE, DEFAULT_MAX_SIZE);
        } catch (SessionConfigException e) {
            problems.add(e.getMessage());
            return DEFAULT_MAX_SIZE;
        }
        if (bytes < 1 || bytes > MAX_SIZE_LIMIT) {
            problems.add(MAX_SIZE + " was '" + config.getString(MAX_SIZE, "") + "' but it must be from 1 byte to 1GiB,"
                    + " such as 524288, 512KB or 1MB");
            return DEFAULT_MAX_SIZE;
        }
        return (int) bytes;
    }

    private static int depth(SessionConfig config, List<String> problems) {
        int depth;
        try {
            depth = config.getInt(MAX_DEPTH, DEFAULT_MAX_DEPTH);
        } catch (SessionConfigException e) {
            problems.add(e.getMessage());
            return DEFAULT_MAX_DEPTH;
        }
        if (depth < 1 || depth > MAX_DEPTH_LIMIT) {
            problems.add(MAX_DEPTH + " was '" + depth + "' but it must be from 1 to " + MAX_DEPTH_LIMIT);
            return DEFAULT_MAX_DEPTH;
        }
        return depth;
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "RecordSettings[format=" + format + ", secretKey=" + (secretKey.isPresent() ? "****" : "unset")
                + ", fallbackKeys=" + fallbackKeys.size() + ", maxSize=" + maxSize + ", maxDepth=" + maxDepth
                + ", encrypt=" + encrypt + ", deltaWrites=" + deltaWrites + "]";
    }
}
