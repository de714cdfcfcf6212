package io.github.session4j.spring.security;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.jackson.SecurityJacksonModule;
import org.springframework.security.jackson.SecurityJacksonModules;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.type.TypeFactory;

/**
 * Spring Security's Jackson 3 encoding, as the value types use it: one {@link JsonMapper} with
 * {@link SecurityJacksonModules} (default typing whose {@code PolymorphicTypeValidator} is an
 * allowlist of class names) and nothing else.
 *
 * <p>A value is written as JSON text and read back for the class it was registered as. Writing
 * also reads the text back once: a value naming a class the allowlist refuses (an application's
 * own principal, a subclass of a registered class) fails when it is put in the session, with a
 * message that says how to allow it, instead of making the session unreadable on its next load.
 * That read is skipped for a text read or checked before ({@link ReadableTexts}): saving a
 * session with the security context it was loaded with costs no second read.
 */
final class SecurityJson {

    /** Deeper than any Spring Security object; a planted document cannot exhaust the stack. */
    static final int MAX_NESTING_DEPTH = 64;

    private final JsonMapper mapper;
    private final ReadableTexts readable = new ReadableTexts();
    private final AtomicInteger checks = new AtomicInteger();

    SecurityJson(ClassLoader loader, BasicPolymorphicTypeValidator.Builder allowlist, List<JacksonModule> modules) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(allowlist, "allowlist");
        for (JacksonModule module : modules) {
            if (module instanceof SecurityJacksonModule contributing) {
                // as SecurityJacksonModules does for its own: the module adds its classes to the allowlist
                contributing.configurePolymorphicTypeValidator(allowlist);
            }
        }
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .typeFactory(TypeFactory.createDefaultInstance().withClassLoader(loader))
                .addModules(SecurityJacksonModules.getModules(loader, allowlist))
                .addModules(modules)
                // getModules has added Spring Security's classes to the allowlist by now
                .addModule(new AllowlistTyping(new UninitializedCheck(allowlist.build(), loader)))
                .build();
    }

    /** The JSON text of a value, checked to read back as {@code type}. */
    <T> String write(T value, Class<T> type) {
        String json = mapper.writerFor(type).writeValueAsString(value);
        if (!readable.contains(json, type)) {
            try {
                checks.incrementAndGet();
                mapper.readerFor(type).readValue(json);
            } catch (RuntimeException e) { // Jackson's, and what Spring Security's deserializers throw
                throw new IllegalArgumentException("a " + value.getClass().getName() + " cannot be read back with"
                        + " Spring Security's Jackson support as a " + type.getName() + ": " + message(e)
                        + ". A class of your own inside it (a principal, details, an authority, a claim's collection)"
                        + " must be allowed: pass BasicPolymorphicTypeValidator.builder().allowIfSubType(YourClass.class)"
                        + " (and a Jackson module with its mixin, if Jackson cannot build it) to"
                        + " SpringSecurityValueTypes.all(loader, allowlist, modules), or register a ValueType of your"
                        + " own for it", e);
            }
            readable.add(json, type);
        }
        return json;
    }

    /** The value of a JSON text written by {@link #write}; unchecked exceptions for a bad or refused text. */
    <T> T read(Object documented, Class<T> type) {
        if (!(documented instanceof String json)) {
            throw new IllegalArgumentException("a Spring Security value is stored as JSON text, not as a "
                    + (documented == null ? "null" : documented.getClass().getName()));
        }
        T value = mapper.readerFor(type).readValue(json);
        if (value instanceof SecurityContext context) {
            nullDetails(context.getAuthentication());
        } else {
            nullDetails(value);
        }
        readable.add(json, type);
        return value;
    }

    /** How many times a written text was read back to check it (for the tests). */
    int checks() {
        return checks.get();
    }

    private static String message(RuntimeException e) {
        return e instanceof JacksonException jackson ? jackson.getOriginalMessage() : String.valueOf(e.getMessage());
    }

    /**
     * A token stored without details comes back with details {@code null}: Spring Security's
     * {@code PreAuthenticatedAuthenticationTokenDeserializer} reads them as a JSON {@code null}
     * node (as its Jackson 2 deserializers once did, spring-security#4698), so the token would not
     * equal the one stored.
     */
    private static void nullDetails(Object value) {
        if (value instanceof AbstractAuthenticationToken token && token.getDetails() instanceof JsonNode node
                && node.isNull()) {
            token.setDetails(null);
        }
    }
}
