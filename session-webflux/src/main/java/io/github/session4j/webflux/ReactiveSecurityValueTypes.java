package io.github.session4j.webflux;

import io.github.session4j.codec.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;

/**
 * The session value types that Spring Security reactive needs beyond those of
 * {@code session-spring-security} ({@code SpringSecurityValueTypes}, which the starter registers
 * too): its own CSRF token, which {@code WebSessionServerCsrfTokenRepository} keeps in the session.
 * The saved request of {@code WebSessionServerRequestCache} is a plain {@code String}.
 *
 * <p>{@code spring-security:server-csrf-token}:
 * {@link DefaultCsrfToken org.springframework.security.web.server.csrf.DefaultCsrfToken}, stored as
 * a map of its three strings ({@code header}, {@code parameter}, {@code token}). The tag never changes.
 */
public final class ReactiveSecurityValueTypes {

    /** The tag of the reactive CSRF token. */
    public static final String SERVER_CSRF_TOKEN = "spring-security:server-csrf-token";

    private ReactiveSecurityValueTypes() {
    }

    /**
     * The value types, to register on a {@code SessionManager.Builder}.
     *
     * @return the registrations (immutable list)
     */
    public static List<ValueType<?>> all() {
        return List.of(ValueType.of(SERVER_CSRF_TOKEN, DefaultCsrfToken.class, ReactiveSecurityValueTypes::write,
                ReactiveSecurityValueTypes::read));
    }

    private static Map<String, Object> write(DefaultCsrfToken token) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("header", token.getHeaderName());
        map.put("parameter", token.getParameterName());
        map.put("token", token.getToken());
        return map;
    }

    private static DefaultCsrfToken read(Object documented) {
        if (!(documented instanceof Map<?, ?> map) || !(map.get("header") instanceof String header)
                || !(map.get("parameter") instanceof String parameter) || !(map.get("token") instanceof String token)) {
            throw new IllegalArgumentException("a " + SERVER_CSRF_TOKEN + " value must be a map of the strings header,"
                    + " parameter and token");
        }
        return new DefaultCsrfToken(header, parameter, token);
    }
}
