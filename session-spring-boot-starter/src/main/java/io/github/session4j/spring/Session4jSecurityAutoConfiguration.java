package io.github.session4j.spring;

import io.github.session4j.SessionManager;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;

/**
 * Spring Security's sign-in, sign-out and concurrent session control over session4j, in a servlet
 * application with Spring Security's web configuration:
 * <ul>
 *   <li>every {@link HttpSecurity} gets {@link Session4jSecurityConfigurer} (through a
 *       {@code Customizer<HttpSecurity>} bean, which Spring Security 7 applies to each filter
 *       chain): a sign-in ({@code formLogin}, {@code oauth2Login} ...) is
 *       {@link io.github.session4j.SessionContext#signIn} with the authentication's name, and
 *       {@code logout} is {@link io.github.session4j.SessionContext#signOut}. A bean named
 *       {@code session4jHttpSecurityCustomizer} replaces it.</li>
 *   <li>the {@link SessionRegistry} is {@link IndexSessionRegistry}, over the principal index, so
 *       {@code maximumSessions(n)} holds across instances; an application's own
 *       {@code SessionRegistry} bean wins. The bean is made when Spring Security first asks for
 *       it, which only {@code maximumSessions} does: then a backend without the principal index
 *       stops start-up ({@link PrincipalIndexMissingException}) instead of counting in one
 *       instance's memory.</li>
 * </ul>
 */
@AutoConfiguration(after = Session4jAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.security.config.annotation.web.builders.HttpSecurity",
        "org.springframework.security.web.authentication.session.SessionAuthenticationStrategy",
        "org.springframework.web.context.request.RequestContextHolder"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(SessionManager.class)
public class Session4jSecurityAutoConfiguration {

    /** What the start-up failure names when {@code maximumSessions} meets a backend without the index. */
    static final String MAXIMUM_SESSIONS = "Spring Security's sessionManagement().maximumSessions(...)";

    /** Created by Spring. */
    public Session4jSecurityAutoConfiguration() {
        // Spring instantiates auto-configurations
    }

    /**
     * Adds session4j's sign-in and sign-out to every Spring Security filter chain.
     *
     * @return the customizer
     */
    @Bean
    @ConditionalOnMissingBean(name = "session4jHttpSecurityCustomizer")
    public Customizer<HttpSecurity> session4jHttpSecurityCustomizer() {
        return http -> http.with(new Session4jSecurityConfigurer(), Customizer.withDefaults());
    }

    /**
     * The session registry of Spring Security's concurrent session control, over the principal index.
     *
     * @param manager the session manager
     * @param beanFactory the bean factory, for its class loader
     * @return the registry
     * @throws PrincipalIndexMissingException if the manager keeps no principal index
     */
    @Bean
    @Lazy
    @ConditionalOnMissingBean(SessionRegistry.class)
    public SessionRegistry session4jSessionRegistry(SessionManager manager, ConfigurableListableBeanFactory beanFactory) {
        PrincipalIndexMissingException.require(manager, MAXIMUM_SESSIONS, classLoader(beanFactory));
        return new IndexSessionRegistry(manager);
    }

    static ClassLoader classLoader(ConfigurableListableBeanFactory beanFactory) {
        ClassLoader loader = beanFactory.getBeanClassLoader();
        return loader != null ? loader : Session4jSecurityAutoConfiguration.class.getClassLoader();
    }
}
