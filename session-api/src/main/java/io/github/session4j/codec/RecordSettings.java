package io.github.session4j.codec;

import io.github.session4j.SessionConfig;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.config.Problems;
import java.util.List;
import java.util.Optional;

/**
 * The settings of the record format, read from a {@link SessionConfig} through the core's
 * descriptors ({@link CoreKeys}), so that the keys, defaults, constraints and messages are the
 * core's, with every problem collected into one message in the core's layout. Secrets never
 * appear in a message.
 *
 * <p>The length of {@code SECRET_KEY} and of its fallbacks is not checked here: in a manager the
 * core checks it first, and a format made on its own (tests, tools) takes any key.
 */
record RecordSettings(String format, Optional<String> secretKey, List<String> fallbackKeys, int maxSize,
        int maxDepth, boolean encrypt, boolean deltaWrites, List<String> serializableClasses) {

    static RecordSettings from(SessionConfig config) {
        Problems problems = new Problems();
        String format = CoreKeys.SESSION_SERIALIZATION_FORMAT.read(config, problems);
        Optional<String> secret = config.getSecret(CoreKeys.SECRET_KEY.key());
        List<String> fallbacks = config.getList(CoreKeys.SECRET_KEY_FALLBACKS.key());
        CoreKeys.checkFallbacksHaveKey(problems, secret.orElse(null), fallbacks);
        long maxSize = CoreKeys.SESSION_MAX_SIZE.read(config, problems);
        int maxDepth = CoreKeys.SESSION_MAX_DEPTH.read(config, problems);
        boolean encrypt = CoreKeys.SESSION_ENCRYPT.read(config, problems);
        boolean deltaWrites = CoreKeys.SESSION_DELTA_WRITES.read(config, problems);
        CoreKeys.checkEncryptHasKey(problems, encrypt, secret.orElse(null));
        List<String> serializable = CoreKeys.SESSION_SERIALIZABLE_CLASSES.read(config, problems);
        CoreKeys.checkSerializableHasKey(problems, serializable, secret.orElse(null));
        problems.throwIfAny();
        return new RecordSettings(format, secret, fallbacks, Math.toIntExact(maxSize), maxDepth, encrypt, deltaWrites,
                serializable);
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "RecordSettings[format=" + format + ", secretKey=" + (secretKey.isPresent() ? "****" : "unset")
                + ", fallbackKeys=" + fallbackKeys.size() + ", maxSize=" + maxSize + ", maxDepth=" + maxDepth
                + ", encrypt=" + encrypt + ", deltaWrites=" + deltaWrites + ", serializableClasses=" + serializableClasses + "]";
    }
}
