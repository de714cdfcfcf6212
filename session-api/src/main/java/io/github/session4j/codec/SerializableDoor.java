package io.github.session4j.codec;

import io.github.session4j.codec.UnreadableRecordException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * The second fenced door of DESIGN.md §10: values of the application's own {@link Serializable}
 * classes named by {@code SESSION_SERIALIZABLE_CLASSES}, Java-serialized inside the record's tree
 * and read back through an {@link ObjectInputFilter} that admits only
 * <ul>
 *   <li>the classes those patterns match (the {@code ObjectInputFilter} pattern syntax:
 *       {@code com.acme.Cart}, {@code com.acme.cart.*} for a package, {@code com.acme.**} for a
 *       package and its subpackages, {@code com.acme.Cart*} for a prefix, {@code !} to exclude;
 *       the first pattern that matches decides), with their nested classes and enums where the
 *       patterns match those too;</li>
 *   <li>the JDK's plain value classes ({@link #JDK_VALUE_CLASSES}, the classes of
 *       {@code java.time}, and primitives and arrays of admitted classes);</li>
 * </ul>
 * and nothing else: no proxy class, and within the limits {@link #MAX_GRAPH_DEPTH},
 * {@link #MAX_REFERENCES}, {@link #MAX_ARRAY_LENGTH} and {@code SESSION_MAX_SIZE} bytes.
 *
 * <p>The door exists only with {@code SECRET_KEY} (start-up refuses the setting without it): the
 * record's MAC is verified over the whole record before its payload is decoded, so bytes planted in
 * the store never reach {@link ObjectInputStream}. Writing applies the same rule as reading, class by
 * class, so a value that contains a class the filter would refuse is refused when it is put into
 * the session, not lost when it is read back; the put-time check also reads the value back once.
 *
 * <p>Classes are resolved with the thread's context class loader (the application's, in a servlet
 * container or a Spring Boot jar), then as {@link ObjectInputStream} does by default.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class SerializableDoor {

    /** The deepest object graph read: a value nests at most this many objects inside each other. */
    static final int MAX_GRAPH_DEPTH = 64;
    /** The most objects and references one serialized value may hold. */
    static final int MAX_REFERENCES = 100_000;
    /** The longest array one serialized value may hold. */
    static final int MAX_ARRAY_LENGTH = 1_000_000;

    /**
     * The JDK's plain value classes that a listed class may hold (besides the classes of
     * {@code java.time}): boxed primitives and {@code String}, {@code BigInteger},
     * {@code BigDecimal}, {@code UUID}, the {@code java.util} collections and the forms that
     * {@code List.of}, {@code Arrays.asList}, {@code Collections.unmodifiable*},
     * {@code Collections.empty*}, {@code Collections.singleton*} and {@code EnumSet} are
     * serialized as, and the superclasses that appear in their serialized forms
     * ({@code Number}, {@code Enum}).
     */
    static final Set<String> JDK_VALUE_CLASSES = Set.of(
            "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.Number",
            "java.lang.Enum",
            "java.math.BigInteger", "java.math.BigDecimal",
            "java.util.UUID",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.ArrayDeque",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.EnumMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.EnumSet$SerializationProxy", "java.util.Arrays$ArrayList",
            "java.util.CollSer", "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$Set12", "java.util.ImmutableCollections$SetN",
            "java.util.ImmutableCollections$Map1", "java.util.ImmutableCollections$MapN",
            "java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableSet",
            "java.util.Collections$UnmodifiableSortedSet", "java.util.Collections$UnmodifiableNavigableSet",
            "java.util.Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableSortedMap",
            "java.util.Collections$UnmodifiableNavigableMap",
            "java.util.Collections$EmptyList", "java.util.Collections$EmptySet", "java.util.Collections$EmptyMap",
            "java.util.Collections$SingletonList", "java.util.Collections$SingletonSet",
            "java.util.Collections$SingletonMap");

    private final List<String> patterns;
    private final int maxBytes;

    /**
     * @param patterns the patterns of {@code SESSION_SERIALIZABLE_CLASSES}, already validated
     *     (class patterns only: no limits, no module-qualified patterns)
     * @param maxBytes {@code SESSION_MAX_SIZE}: no serialized value is longer
     */
    SerializableDoor(List<String> patterns, int maxBytes) {
        this.patterns = List.copyOf(patterns);
        this.maxBytes = maxBytes;
    }

    /** The setting as it reads in a message. */
    String setting() {
        return "SESSION_SERIALIZABLE_CLASSES=" + String.join(";", patterns);
    }

    /** Whether the patterns list this class itself: a value of it goes through the door. */
    boolean lists(Class<?> type) {
        return listsName(type.getName());
    }

    /**
     * Whether the patterns list the class of this binary name, as {@link ObjectInputFilter}'s
     * patterns match: the first pattern that matches decides, and {@code !} makes it a refusal.
     */
    private boolean listsName(String name) {
        for (String pattern : patterns) {
            boolean refuses = pattern.startsWith("!");
            String body = refuses ? pattern.substring(1) : pattern;
            boolean matches;
            if (body.endsWith(".**")) {
                matches = name.startsWith(body.substring(0, body.length() - 2));
            } else if (body.endsWith(".*")) {
                String pkg = body.substring(0, body.length() - 1);
                matches = name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0;
            } else if (body.endsWith("*")) {
                matches = name.startsWith(body.substring(0, body.length() - 1));
            } else {
                matches = name.equals(body);
            }
            if (matches) {
                return !refuses;
            }
        }
        return false;
    }

    /** Whether a serialized value may hold this class: a listed one, a JDK value class, a primitive, an array of those. */
    boolean admits(Class<?> type) {
        return admitsName(type.getName());
    }

    /**
     * {@link #admits} by the binary name a stream gives, so that a class the door does not admit
     * is refused before it is even loaded. Arrays are named {@code [I}, {@code [Lcom.acme.Item;}.
     */
    private boolean admitsName(String name) {
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        String component = name;
        if (dims > 0) {
            if (name.length() == dims + 1) {
                return true; // an array of a primitive type
            }
            if (name.charAt(dims) != 'L' || !name.endsWith(";")) {
                return false;
            }
            component = name.substring(dims + 1, name.length() - 1);
            if (component.equals("java.lang.Object") || component.equals("java.util.Map$Entry")) {
                return true; // these arrays appear in the forms of List.of, Map.of and others; each element is checked itself
            }
        }
        return JDK_VALUE_CLASSES.contains(component) || isJavaTime(component) || listsName(component);
    }

    private static boolean isJavaTime(String name) {
        return name.startsWith("java.time.") && name.indexOf('.', "java.time.".length()) < 0;
    }

    /**
     * Serializes a value of a listed class.
     *
     * @param verify whether to read the bytes back once through the filter, as the put-time check does
     * @throws EncodingProblem if the value holds a class the door does not admit, is not
     *     serializable, or is too large
     */
    byte[] write(Object value, boolean verify) {
        BoundedOutput bytes = new BoundedOutput(maxBytes);
        try (ObjectOutputStream out = new FencedOutput(bytes)) {
            out.writeObject(value);
        } catch (Refused e) {
            if (e.notSerializable != null) {
                throw new EncodingProblem(path -> "session key '" + path + "' holds a " + value.getClass().getName()
                        + " that cannot be Java-serialized: it contains a " + e.notSerializable
                        + ", which does not implement java.io.Serializable; make it Serializable, mark the field"
                        + " transient, or keep such values out of the session");
            }
            throw new EncodingProblem(path -> "session key '" + path + "' holds a " + value.getClass().getName()
                    + " whose serialized form contains a " + e.type + ", which " + setting() + " does not admit"
                    + " (it admits the classes it lists and the JDK's plain value classes); list that class too,"
                    + " or keep such values out of the session");
        } catch (IOException | RuntimeException e) {
            throw new EncodingProblem(path -> "session key '" + path + "' holds a " + value.getClass().getName()
                    + " that could not be Java-serialized (" + e.getClass().getName() + ")", e);
        }
        if (bytes.overflowed()) {
            throw new EncodingProblem(path -> "session key '" + path + "' holds a " + value.getClass().getName()
                    + " whose serialized form is over SESSION_MAX_SIZE=" + maxBytes + " bytes; store less, or raise"
                    + " SESSION_MAX_SIZE");
        }
        byte[] serialized = bytes.toByteArray();
        if (verify) {
            try {
                read(serialized);
            } catch (UnreadableRecordException e) {
                throw new EncodingProblem(path -> "session key '" + path + "' holds a " + value.getClass().getName()
                        + " whose serialized form could not be read back: " + e.getMessage()
                        + "; keep such values smaller and shallower");
            }
        }
        return serialized;
    }

    /**
     * Reads a value back through the filter.
     *
     * @throws UnreadableRecordException if the bytes name a class the door does not admit, break a
     *     limit, or are not a serialized value
     */
    Object read(byte[] bytes) {
        FencedInput stream = null;
        try (FencedInput in = new FencedInput(bytes)) {
            stream = in;
            Object value = in.readObject();
            if (in.read() != -1) {
                throw TreeReader.malformed("a Java-serialized value in the payload has extra bytes after it");
            }
            if (value == null) {
                throw TreeReader.malformed("a Java-serialized value in the payload is null");
            }
            return value;
        } catch (InvalidClassException e) {
            String why = stream != null && stream.refused != null ? stream.refused : e.getMessage();
            throw new UnreadableRecordException(Reason.UNKNOWN_VALUE_TYPE, "a Java-serialized value in the record was"
                    + " refused by the filter of " + setting() + " (" + why + ")");
        } catch (ClassNotFoundException e) {
            throw new UnreadableRecordException(Reason.UNKNOWN_VALUE_TYPE, "a Java-serialized value in the record names"
                    + " a class that is not on the classpath (" + e.getMessage() + ")");
        } catch (UnreadableRecordException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw TreeReader.malformed("a Java-serialized value in the payload could not be read ("
                    + e.getClass().getName() + ")");
        }
    }

    /** The filter: the limits, then the class (null for a check of the limits alone). */
    private String refusal(ObjectInputFilter.FilterInfo info) {
        if (info.depth() > MAX_GRAPH_DEPTH) {
            return "it nests deeper than " + MAX_GRAPH_DEPTH + " objects";
        }
        if (info.references() > MAX_REFERENCES) {
            return "it holds more than " + MAX_REFERENCES + " objects and references";
        }
        if (info.arrayLength() > MAX_ARRAY_LENGTH) {
            return "it holds an array longer than " + MAX_ARRAY_LENGTH;
        }
        if (info.streamBytes() > maxBytes) {
            return "it is longer than SESSION_MAX_SIZE=" + maxBytes + " bytes";
        }
        Class<?> type = info.serialClass();
        return type == null || admits(type) ? null : "it holds a " + type.getName() + ", which is not admitted";
    }

    /**
     * Refuses every class the read filter would refuse, as its descriptor is written. Refusals are
     * unchecked, so that {@link ObjectOutputStream} does not try to write them into the stream (it
     * does so with an {@code IOException}, such as the {@link java.io.NotSerializableException} it
     * throws itself, which {@link #replaceObject} then turns into a refusal).
     */
    private final class FencedOutput extends ObjectOutputStream {
        FencedOutput(BoundedOutput out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected void annotateClass(Class<?> type) {
            if (!admits(type)) {
                throw new Refused(type.getName(), null);
            }
        }

        @Override
        protected void annotateProxyClass(Class<?> type) {
            throw new Refused("proxy class " + type.getName(), null);
        }

        @Override
        protected Object replaceObject(Object object) {
            if (object instanceof Throwable && !admits(object.getClass())) {
                // the stream writes the exception that ended a write after what it wrote: never let it
                throw new Refused(object.getClass().getName(),
                        object instanceof NotSerializableException e ? e.getMessage() : null);
            }
            return object;
        }
    }

    /** The filter on, proxies refused, classes resolved with the context class loader first. */
    private final class FencedInput extends ObjectInputStream {
        /** Why the filter refused the stream, for the message; null while it admits everything. */
        private String refused;

        FencedInput(byte[] bytes) throws IOException {
            super(new ByteArrayInputStream(bytes));
            setObjectInputFilter(info -> {
                String why = refusal(info);
                if (why == null) {
                    return ObjectInputFilter.Status.ALLOWED;
                }
                refused = why;
                return ObjectInputFilter.Status.REJECTED;
            });
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (!admitsName(desc.getName())) {
                // refused by name, before the class is even loaded; the filter checks the loaded class again
                throw new InvalidClassException(desc.getName(), "not admitted");
            }
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution below
                }
            }
            return super.resolveClass(desc);
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws IOException {
            throw new InvalidClassException("a proxy class, which is never admitted");
        }
    }

    /** A class the door does not admit, met while writing; or the class that is not Serializable. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;
        private final String notSerializable;

        Refused(String type, String notSerializable) {
            super(type, null, false, false);
            this.type = type;
            this.notSerializable = notSerializable;
        }
    }

}
