package io.github.session4j.webflux;

import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security reactive's sign-in and sign-out as session4j's (DESIGN.md §9): a
 * {@link ServerSecurityContextRepository} around another (by default
 * {@link WebSessionServerSecurityContextRepository}) that, when Spring Security saves the security
 * context of a new authentication ({@code formLogin}, {@code httpBasic}, {@code oauth2Login} ...),
 * first {@linkplain io.github.session4j.async.AsyncSessionContext#signIn signs in}
 * {@link Authentication#getName()}: the session gets a new ID at the commit, records who signed in
 * and when (the absolute lifetime counts from here), loses the data of another user who held it, and
 * is indexed under the user; then the delegate stores the context in the (now the user's) session.
 * When Spring Security clears the context (its logout handler saves {@code null}), the session is
 * {@linkplain io.github.session4j.async.AsyncSessionContext#signOut signed out}: deleted and taken
 * out of the index at the commit.
 *
 * <p>A save of an anonymous authentication signs nobody in, and a request signs one principal in
 * once however often the context is saved. A request that carries its credentials in an
 * {@code Authorization} header ({@code httpBasic}) is neither stored nor signed in, as Spring
 * Security's own default for {@code httpBasic} ({@code NoOpServerSecurityContextRepository}) does
 * when no repository is set: installing this one on {@code ServerHttpSecurity} would otherwise make
 * every API call with a password a sign-in and a session (an application that wants that sets a
 * repository on {@code httpBasic} itself). The session must be session4j's
 * ({@link Session4jWebSessionManager}); the starter installs this repository on every
 * {@code ServerHttpSecurity}. Does no I/O of its own beyond loading the session.
 */
public final class Session4jServerSecurityContextRepository implements ServerSecurityContextRepository {

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    /** The exchange attribute that records whom this request signed in already. */
    private static final String SIGNED_IN = Session4jServerSecurityContextRepository.class.getName() + ".principal";

    private final ServerSecurityContextRepository delegate;

    /** Around {@link WebSessionServerSecurityContextRepository}, Spring Security reactive's default. */
    public Session4jServerSecurityContextRepository() {
        this(new WebSessionServerSecurityContextRepository());
    }

    /**
     * Around another repository that keeps the context in the {@code WebSession}.
     *
     * @param delegate the repository that stores and loads the context
     */
    public Session4jServerSecurityContextRepository(ServerSecurityContextRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        Authentication authentication = context == null ? null : context.getAuthentication();
        if (authentication == null) {
            return delegate.save(exchange, context)
                    .then(Mono.defer(() -> Session4jWebSessionManager.sessionContext(exchange)))
                    .doOnNext(session -> {
                        if (session.principal().isPresent()) {
                            session.signOut();
                        }
                    })
                    .then();
        }
        if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            return Mono.empty(); // credentials on every request: nothing to keep
        }
        if (!authentication.isAuthenticated() || TRUST.isAnonymous(authentication)) {
            return delegate.save(exchange, context);
        }
        // before the delegate stores the context: signing in as another user clears the session's data
        String name = authentication.getName();
        if (name.equals(exchange.getAttribute(SIGNED_IN))) {
            return delegate.save(exchange, context);
        }
        return Session4jWebSessionManager.sessionContext(exchange)
                .doOnNext(session -> {
                    session.signIn(name);
                    exchange.getAttributes().put(SIGNED_IN, name);
                })
                .then(Mono.defer(() -> delegate.save(exchange, context)));
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return delegate.load(exchange);
    }
}
