package io.github.session4j.spring.security;

import io.github.session4j.codec.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * The session value types for what Spring Security 7 keeps in the session by default, to register
 * on a {@code SessionManager}:
 *
 * <pre>{@code
 * SessionManager.Builder builder = SessionManager.builder(config).provider(provider);
 * SpringSecurityValueTypes.all().forEach(builder::valueType);
 * }</pre>
 *
 * <p>Each value is stored as the JSON text that Spring Security's own Jackson 3 support writes
 * ({@code SecurityJacksonModules}: default typing with a {@code PolymorphicTypeValidator} that
 * admits only the classes its modules list; an {@code Instant} as ISO-8601 text), next to a
 * stable tag. Java serialization is never
 * used: a stored record that names a class outside the allowlist is unreadable, which the manager
 * treats as no session. A value that would not read back (an application's own principal class
 * that is not allowed) is refused when it is put in the session.
 *
 * <p>The types, with their tags:
 * <ul>
 *   <li>{@code spring-security:context}: {@link SecurityContextImpl}, which holds one of the
 *       tokens below (form login and HTTP basic: {@link UsernamePasswordAuthenticationToken});</li>
 *   <li>{@code spring-security:username-password}, {@code spring-security:remember-me},
 *       {@code spring-security:anonymous}, {@code spring-security:pre-authenticated}: the
 *       authentication tokens;</li>
 *   <li>{@code spring-security:user}: {@link User}; {@code spring-security:authority}:
 *       {@link SimpleGrantedAuthority}; {@code spring-security:factor-authority}:
 *       {@link FactorGrantedAuthority};</li>
 *   <li>{@code spring-security:csrf-token}: {@link DefaultCsrfToken};</li>
 *   <li>the failure of a login, which Spring Security's default failure handler keeps for the
 *       login page: {@code spring-security:bad-credentials} ({@link BadCredentialsException},
 *       through Spring Security's Jackson support), and as typed values of their exact class and
 *       message: {@code spring-security:locked}, {@code spring-security:disabled},
 *       {@code spring-security:account-expired}, {@code spring-security:credentials-expired},
 *       {@code spring-security:username-not-found},
 *       {@code spring-security:internal-authentication-service},
 *       {@code spring-security:authentication-service},
 *       {@code spring-security:insufficient-authentication},
 *       {@code spring-security:credentials-not-found}, {@code spring-security:provider-not-found},
 *       {@code spring-security:session-authentication};</li>
 *   <li>with the Servlet API present: {@code spring-security:web-details}:
 *       {@link WebAuthenticationDetails}; {@code spring-security:saved-request}:
 *       {@link DefaultSavedRequest};</li>
 *   <li>with {@code spring-security-oauth2-client} present: {@code spring-security:oauth2-token}
 *       ({@code OAuth2AuthenticationToken}), {@code spring-security:oauth2-user}
 *       ({@code DefaultOAuth2User}), {@code spring-security:oidc-user} ({@code DefaultOidcUser}),
 *       {@code spring-security:oauth2-user-authority} ({@code OAuth2UserAuthority}),
 *       {@code spring-security:oidc-user-authority} ({@code OidcUserAuthority}),
 *       {@code spring-security:oauth2-authorization-request} ({@code OAuth2AuthorizationRequest}),
 *       {@code spring-security:oauth2-authorized-client} ({@code OAuth2AuthorizedClient}),
 *       {@code spring-security:oauth2-authentication-exception}
 *       ({@code OAuth2AuthenticationException}, the failure of an OAuth2 login).</li>
 * </ul>
 *
 * <p>The tags are part of the stored format and never change; the JSON inside is Spring
 * Security's, so a Spring Security upgrade that changes its Jackson format may make older records
 * unreadable (they then count as no session, as for Spring Session's Jackson serializer).
 */
public final class SpringSecurityValueTypes {

    /** The prefix of every tag this class registers. */
    public static final String TAG_PREFIX = "spring-security:";

    private static final String SERVLET_API = "jakarta.servlet.http.Cookie";
    private static final String OAUTH2_CLIENT = "org.springframework.security.oauth2.client.OAuth2AuthorizedClient";

    private SpringSecurityValueTypes() {
    }

    /**
     * The value types, with Spring Security's modules and classes loaded by this library's own
     * class loader.
     *
     * @return the registrations, each a new instance (immutable list)
     */
    public static List<ValueType<?>> all() {
        return all(SpringSecurityValueTypes.class.getClassLoader());
    }

    /**
     * The value types, with Spring Security's Jackson modules found and class names resolved by a
     * given class loader (the application's, under a framework with its own loaders).
     *
     * @param loader the class loader
     * @return the registrations (immutable list)
     * @throws NullPointerException if {@code loader} is null
     */
    public static List<ValueType<?>> all(ClassLoader loader) {
        return all(loader, BasicPolymorphicTypeValidator.builder());
    }

    /**
     * The value types, with classes of the application's own allowed inside them (such as its own
     * principal or {@code UserDetails} class), as Spring Security's
     * {@code SecurityJacksonModules.getModules(loader, builder)} allows them.
     *
     * <pre>{@code
     * SpringSecurityValueTypes.all(loader,
     *         BasicPolymorphicTypeValidator.builder().allowIfSubType(AcmeUser.class),
     *         new AcmeUserJacksonModule());
     * }</pre>
     *
     * @param loader the class loader that finds Spring Security's modules and resolves class names
     * @param allowlist the application's additions to the allowlist; Spring Security's modules add
     *     their own classes to it, so do not reuse it elsewhere
     * @param modules more Jackson modules (mixins for the application's classes), registered after
     *     Spring Security's; a {@code SecurityJacksonModule} among them adds its classes to the
     *     allowlist, as with {@code SecurityJacksonModules}
     * @return the registrations (immutable list)
     * @throws NullPointerException if an argument is null
     */
    public static List<ValueType<?>> all(ClassLoader loader, BasicPolymorphicTypeValidator.Builder allowlist,
            JacksonModule... modules) {
        Objects.requireNonNull(loader, "loader");
        SecurityJson json = new SecurityJson(loader, allowlist, List.of(modules));
        List<ValueType<?>> types = new ArrayList<>();
        types.add(type("context", SecurityContextImpl.class, json));
        types.add(type("username-password", UsernamePasswordAuthenticationToken.class, json));
        types.add(type("remember-me", RememberMeAuthenticationToken.class, json));
        types.add(type("anonymous", AnonymousAuthenticationToken.class, json));
        types.add(type("pre-authenticated", PreAuthenticatedAuthenticationToken.class, json));
        types.add(type("user", User.class, json));
        types.add(type("authority", SimpleGrantedAuthority.class, json));
        types.add(type("factor-authority", FactorGrantedAuthority.class, json));
        types.add(type("csrf-token", DefaultCsrfToken.class, json));
        types.add(type("bad-credentials", BadCredentialsException.class, json));
        AuthenticationFailures.add(types);
        types.add(AuthenticationFailures.sessionAuthentication());
        if (present(SERVLET_API, loader)) {
            types.add(type("web-details", WebAuthenticationDetails.class, json));
            types.add(type("saved-request", DefaultSavedRequest.class, json));
        }
        if (present(OAUTH2_CLIENT, loader)) {
            OAuth2ValueTypes.add(types, json);
        }
        return List.copyOf(types);
    }

    /** One registration: the value is the JSON text, read back for the registered class. */
    static <T> ValueType<T> type(String name, Class<T> type, SecurityJson json) {
        return ValueType.of(TAG_PREFIX + name, type, value -> json.write(value, type),
                documented -> json.read(documented, type));
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
