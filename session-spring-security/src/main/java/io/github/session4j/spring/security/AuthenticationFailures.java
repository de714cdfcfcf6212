package io.github.session4j.spring.security;

import io.github.session4j.codec.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.session.SessionAuthenticationException;

/**
 * The exceptions of a failed login, which Spring Security's default failure handler keeps in the
 * session ({@code SPRING_SECURITY_LAST_EXCEPTION}) for the login page to show. Spring Security's
 * Jackson support covers {@code BadCredentialsException} only; the others a login can end with
 * are typed value types here: the exact class and its message, built again with the class's own
 * {@code (String)} constructor (no class is looked up by name). The cause and the stack trace are
 * not stored, as Spring Security's mixin does not store them either.
 */
final class AuthenticationFailures {

    private static final String MESSAGE = "message";

    private AuthenticationFailures() {
    }

    static void add(List<ValueType<?>> types) {
        types.add(failure("locked", LockedException.class, LockedException::new));
        types.add(failure("disabled", DisabledException.class, DisabledException::new));
        types.add(failure("account-expired", AccountExpiredException.class, AccountExpiredException::new));
        types.add(failure("credentials-expired", CredentialsExpiredException.class, CredentialsExpiredException::new));
        types.add(failure("username-not-found", UsernameNotFoundException.class, UsernameNotFoundException::new));
        types.add(failure("internal-authentication-service", InternalAuthenticationServiceException.class,
                InternalAuthenticationServiceException::new));
        types.add(failure("authentication-service", AuthenticationServiceException.class,
                AuthenticationServiceException::new));
        types.add(failure("insufficient-authentication", InsufficientAuthenticationException.class,
                InsufficientAuthenticationException::new));
        types.add(failure("credentials-not-found", AuthenticationCredentialsNotFoundException.class,
                AuthenticationCredentialsNotFoundException::new));
        types.add(failure("provider-not-found", ProviderNotFoundException.class, ProviderNotFoundException::new));
    }

    /** The session-limit refusal; its class is in spring-security-web. */
    static ValueType<SessionAuthenticationException> sessionAuthentication() {
        return failure("session-authentication", SessionAuthenticationException.class,
                SessionAuthenticationException::new);
    }

    private static <E extends AuthenticationException> ValueType<E> failure(String name, Class<E> type,
            Function<String, E> create) {
        return ValueType.of(SpringSecurityValueTypes.TAG_PREFIX + name, type, exception -> {
            if (exception.getClass() != type) {
                // a subclass would come back as this class: refuse it rather than change its class
                throw new IllegalArgumentException("a " + exception.getClass().getName() + " is a subclass of "
                        + type.getName() + ", which would be read back as a " + type.getSimpleName()
                        + "; register a ValueType of your own for it");
            }
            Map<String, Object> documented = new HashMap<>();
            documented.put(MESSAGE, exception.getMessage());
            return documented;
        }, documented -> {
            if (!(documented instanceof Map<?, ?> map) || !(map.get(MESSAGE) == null || map.get(MESSAGE) instanceof String)) {
                throw new IllegalArgumentException("a stored " + type.getSimpleName() + " is not a map with a message");
            }
            return create.apply((String) map.get(MESSAGE));
        });
    }
}
