package io.github.session4j.spring;

import io.github.session4j.SessionManager;
import io.github.session4j.async.AsyncSessions;
import io.github.session4j.codec.ValueType;
import io.github.session4j.webflux.CrossOriginWebFilter;
import io.github.session4j.webflux.ReactiveSecurityValueTypes;
import io.github.session4j.webflux.Session4jServerSecurityContextRepository;
import io.github.session4j.webflux.Session4jWebSessionManager;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Spring Boot auto-configuration of session4j in a reactive (WebFlux) application: the
 * {@link SessionManager} of {@link Session4jAutoConfiguration} behind
 * {@link Session4jWebSessionManager}, registered as the bean named {@value #WEB_SESSION_MANAGER_BEAN}
 * that WebFlux uses for {@code exchange.getSession()} (so Spring Security reactive's security
 * context, CSRF token and saved request are kept in the store), in place of WebFlux's in-memory
 * one. Store calls run on {@link AsyncSessions}' pool ({@code session.async.threads},
 * {@code session.async.queue}), never on the event loop; a full queue or a failing store is a 503
 * without {@code Set-Cookie}. An application bean named {@value #WEB_SESSION_MANAGER_BEAN}, or of
 * type {@link AsyncSessions}, replaces the starter's. With Spring Security, its reactive CSRF
 * token's value type ({@link ReactiveSecurityValueTypes}) is registered next to the others, and
 * every {@code ServerHttpSecurity} keeps its security context through
 * {@link Session4jServerSecurityContextRepository} (through a {@code Customizer<ServerHttpSecurity>}
 * bean, which Spring Security 7 applies to each filter chain; a bean named
 * {@value #SERVER_HTTP_SECURITY_CUSTOMIZER} replaces it): a sign-in is
 * {@link io.github.session4j.async.AsyncSessionContext#signIn} with the authentication's name, a
 * logout {@link io.github.session4j.async.AsyncSessionContext#signOut}.
 */
@AutoConfiguration(after = Session4jAutoConfiguration.class,
        beforeName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = {"io.github.session4j.webflux.Session4jWebSessionManager",
        "org.springframework.web.server.session.WebSessionManager", "reactor.core.publisher.Mono"})
public class Session4jWebFluxAutoConfiguration {

    /** The bean name WebFlux looks up for its session manager. */
    public static final String WEB_SESSION_MANAGER_BEAN = "webSessionManager";

    /** The bean name of the customizer that installs session4j's security context repository. */
    public static final String SERVER_HTTP_SECURITY_CUSTOMIZER = "session4jServerHttpSecurityCustomizer";

    private static final Log LOG = LogFactory.getLog(Session4jWebFluxAutoConfiguration.class);

    /** Created by Spring. */
    public Session4jWebFluxAutoConfiguration() {
        // Spring instantiates auto-configurations
    }

    /**
     * The non-blocking path of the manager, with its own threads; stopped with the context.
     *
     * @param manager the session manager
     * @return the non-blocking path
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(AsyncSessions.class)
    public AsyncSessions session4jAsyncSessions(SessionManager manager) {
        AsyncSessions sessions = AsyncSessions.create(manager);
        LOG.info("session4j: WebFlux sessions are loaded and saved on " + sessions.threads() + " threads of their own"
                + " (session.async.threads), with at most " + sessions.queueCapacity() + " calls waiting"
                + " (session.async.queue); beyond that a request is answered 503");
        return sessions;
    }

    /**
     * WebFlux's session manager, backed by the store.
     *
     * @param sessions the non-blocking path
     * @return the web session manager
     */
    @Bean(name = WEB_SESSION_MANAGER_BEAN)
    @ConditionalOnMissingBean(name = WEB_SESSION_MANAGER_BEAN)
    public WebSessionManager webSessionManager(AsyncSessions sessions) {
        return new Session4jWebSessionManager(sessions);
    }

    /**
     * The opt-in cross-origin guard ({@code session.cross-origin-protection=true}); passes everything on when it is off.
     *
     * @param sessions the non-blocking path
     * @return the filter, first of all web filters
     */
    @Bean
    @ConditionalOnMissingBean(CrossOriginWebFilter.class)
    public CrossOriginWebFilter session4jCrossOriginWebFilter(AsyncSessions sessions) {
        return new CrossOriginWebFilter(sessions);
    }

    /** Spring Security reactive's CSRF token, when the application has Spring Security's web support. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.web.server.csrf.DefaultCsrfToken")
    static class ReactiveSecurityConfiguration {

        @Bean
        SessionManagerCustomizer session4jReactiveSecurityValueTypes() {
            return builder -> {
                List<ValueType<?>> types = ReactiveSecurityValueTypes.all();
                types.forEach(builder::valueType);
                LOG.info("session4j: Spring Security reactive's CSRF token is stored as " + ReactiveSecurityValueTypes.SERVER_CSRF_TOKEN);
            };
        }
    }

    /** Spring Security reactive's sign-in and logout as session4j's, when the application configures {@code ServerHttpSecurity}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.security.config.web.server.ServerHttpSecurity",
            "org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository"})
    static class ReactiveSignInConfiguration {

        @Bean(name = SERVER_HTTP_SECURITY_CUSTOMIZER)
        @ConditionalOnMissingBean(name = SERVER_HTTP_SECURITY_CUSTOMIZER)
        Customizer<ServerHttpSecurity> session4jServerHttpSecurityCustomizer() {
            return http -> http.securityContextRepository(new Session4jServerSecurityContextRepository());
        }
    }
}
