package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionManager;
import io.github.session4j.async.AsyncSessions;
import io.github.session4j.webflux.ReactiveSecurityValueTypes;
import io.github.session4j.webflux.Session4jWebSessionManager;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.server.session.WebSessionManager;

/** The reactive auto-configuration: present in a WebFlux application only, and leaving the servlet one alone. */
class WebFluxAutoConfigurationTest {

    private static final AutoConfigurations STARTER = AutoConfigurations.of(Session4jAutoConfiguration.class,
            Session4jWebFluxAutoConfiguration.class);

    @Test
    void aReactiveApplicationGetsTheStoreBackedWebSessionManagerWithItsPoolSettings() {
        new ReactiveWebApplicationContextRunner().withConfiguration(STARTER)
                .withPropertyValues("session.type=memory", "session.async.threads=3", "session.async.queue=7")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SessionManager.class)
                            .hasSingleBean(AsyncSessions.class).hasBean("session4jReactiveSecurityValueTypes")
                            .hasBean(Session4jWebFluxAutoConfiguration.SERVER_HTTP_SECURITY_CUSTOMIZER)
                            .doesNotHaveBean("session4jFilterRegistration");
                    assertThat(context.getBean(Session4jWebFluxAutoConfiguration.WEB_SESSION_MANAGER_BEAN, WebSessionManager.class))
                            .isInstanceOf(Session4jWebSessionManager.class);
                    AsyncSessions sessions = context.getBean(AsyncSessions.class);
                    assertThat(sessions.threads()).isEqualTo(3);
                    assertThat(sessions.queueCapacity()).isEqualTo(7);
                    assertThat(sessions.manager()).isSameAs(context.getBean(SessionManager.class));
                });
    }

    @Test
    void aServletApplicationKeepsTheFilterAndGetsNoneOfIt() {
        new WebApplicationContextRunner().withConfiguration(STARTER).withPropertyValues("session.type=memory")
                .run(context -> assertThat(context).hasNotFailed().hasBean("session4jFilterRegistration")
                        .doesNotHaveBean(AsyncSessions.class).doesNotHaveBean(WebSessionManager.class));
    }

    @Test
    void anApplicationsOwnWebSessionManagerIsKept() {
        WebSessionManager own = exchange -> reactor.core.publisher.Mono.empty();
        new ReactiveWebApplicationContextRunner().withConfiguration(STARTER).withPropertyValues("session.type=memory")
                .withBean(Session4jWebFluxAutoConfiguration.WEB_SESSION_MANAGER_BEAN, WebSessionManager.class, () -> own)
                .run(context -> assertThat(context.getBean(WebSessionManager.class)).isSameAs(own));
    }

    @Test
    void withoutSpringSecuritysWebSupportTheCsrfTokenTypeIsNotRegistered() {
        new ReactiveWebApplicationContextRunner().withConfiguration(STARTER).withPropertyValues("session.type=memory")
                .withClassLoader(new FilteredClassLoader("org.springframework.security.web.server."))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AsyncSessions.class)
                        .doesNotHaveBean("session4jReactiveSecurityValueTypes")
                        .doesNotHaveBean(Session4jWebFluxAutoConfiguration.SERVER_HTTP_SECURITY_CUSTOMIZER));
        assertThat(ReactiveSecurityValueTypes.all()).hasSize(1);
    }
}
