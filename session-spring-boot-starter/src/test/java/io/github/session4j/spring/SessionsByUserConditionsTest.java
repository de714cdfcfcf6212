package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What the starter registers for sessions by user, and the start-up failures when a feature needs
 * the principal index and the manager keeps none; no server is started.
 */
class SessionsByUserConditionsTest {

    private static final AutoConfigurations STARTER = AutoConfigurations.of(Session4jAutoConfiguration.class,
            Session4jSecurityAutoConfiguration.class, Session4jSessionsEndpointAutoConfiguration.class);

    private static final String WITHOUT_INDEX = "SESSION_PRINCIPAL_INDEX=false";

    private final ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(STARTER)
            .withPropertyValues("session.type=memory");

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(STARTER)
            .withPropertyValues("session.type=memory");

    @Test
    void theSessionsEndpointIsOffUnlessExposed() {
        plain.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Session4jSessionsEndpoint.class));
        plain.withPropertyValues("management.endpoints.web.exposure.include=sessions")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Session4jSessionsEndpoint.class));
        plain.withPropertyValues("management.endpoints.web.exposure.include=sessions",
                "management.endpoint.sessions.access=NONE")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Session4jSessionsEndpoint.class));
    }

    @Test
    void theExposedEndpointOnAManagerWithoutTheIndexStopsStartUp() {
        plain.withPropertyValues("management.endpoints.web.exposure.include=sessions", WITHOUT_INDEX).run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
            assertThat(cause).isInstanceOf(PrincipalIndexMissingException.class).hasMessage(
                    "the Actuator 'sessions' endpoint (management.endpoints.web.exposure.include) needs session4j's"
                            + " principal index, and SESSION_PRINCIPAL_INDEX=false turns it off: unset"
                            + " SESSION_PRINCIPAL_INDEX (or set it to true), or remove the Actuator 'sessions' endpoint"
                            + " (management.endpoints.web.exposure.include).");
            FailureAnalysis analysis = new SessionStartupFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).startsWith("session4j cannot keep sessions by user with this backend:\n");
            assertThat(analysis.getAction()).contains("principal index");
        });
    }

    @Test
    void maximumSessionsOnAManagerWithoutTheIndexStopsStartUp() {
        web.withUserConfiguration(MaximumSessions.class).withPropertyValues(WITHOUT_INDEX).run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOf(PrincipalIndexMissingException.class)
                    .hasMessageStartingWith("Spring Security's sessionManagement().maximumSessions(...) needs session4j's"
                            + " principal index");
        });
    }

    @Test
    void withoutMaximumSessionsAManagerWithoutTheIndexStartsAndSignInStillWorks() {
        web.withUserConfiguration(FormLogin.class).withPropertyValues(WITHOUT_INDEX).run(context -> {
            assertThat(context).hasNotFailed().hasBean("session4jHttpSecurityCustomizer");
            assertThat(context.getBeanFactory().getSingleton("session4jSessionRegistry")).as("never made").isNull();
        });
    }

    @Test
    void withMaximumSessionsTheRegistryIsTheIndexAndTheApplicationsOwnWins() {
        web.withUserConfiguration(MaximumSessions.class).run(context -> assertThat(context).hasNotFailed()
                .getBean(SessionRegistry.class).isInstanceOf(IndexSessionRegistry.class));
        web.withUserConfiguration(MaximumSessions.class, OwnRegistry.class).run(context -> assertThat(context)
                .hasNotFailed().getBean(SessionRegistry.class).isNotInstanceOf(IndexSessionRegistry.class));
    }

    @Test
    void withoutSpringSecurityNothingOfItIsRegistered() {
        web.withClassLoader(new FilteredClassLoader(HttpSecurity.class)).run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean("session4jHttpSecurityCustomizer").doesNotHaveBean(SessionRegistry.class));
    }

    /** Form login. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class FormLogin {

        @Bean
        SecurityFilterChain chain(HttpSecurity http) {
            return http.formLogin(Customizer.withDefaults()).build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("ada").password("{noop}x").roles("USER").build());
        }
    }

    /** Form login with one session per user. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class MaximumSessions {

        @Bean
        SecurityFilterChain chain(HttpSecurity http) {
            return http.formLogin(Customizer.withDefaults())
                    .sessionManagement(s -> s.sessionConcurrency(c -> c.maximumSessions(1))).build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("ada").password("{noop}x").roles("USER").build());
        }
    }

    /** An application's own registry. */
    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {

        @Bean
        SessionRegistry ownRegistry() {
            return new org.springframework.security.core.session.SessionRegistryImpl();
        }
    }
}
