package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionManager;
import io.github.session4j.micrometer.SessionMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The metrics binding is there exactly when Micrometer is, and the application's own binder wins. */
class MetricsAutoConfigurationTest {

    private final ApplicationContextRunner plain = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(Session4jAutoConfiguration.class, Session4jMetricsAutoConfiguration.class))
            .withPropertyValues("session.type=memory");

    @Test
    void withMicrometerTheManagersMetersAreBound() {
        plain.run(context -> assertThat(context).hasNotFailed().hasSingleBean(SessionMetrics.class));
    }

    @Test
    void withoutMicrometerThereIsNoBinder() {
        plain.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run(context -> assertThat(context)
                .hasNotFailed().hasSingleBean(SessionManager.class).doesNotHaveBean("session4jMetrics"));
    }

    @Test
    void anApplicationsOwnBinderReplacesTheStarters() {
        plain.withUserConfiguration(Own.class)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SessionMetrics.class)
                        .hasBean("ownSessionMetrics").doesNotHaveBean("session4jMetrics"));
    }

    /** An application's binder. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Own {
        @org.springframework.context.annotation.Bean
        SessionMetrics ownSessionMetrics(SessionManager manager) {
            return new SessionMetrics(manager);
        }
    }
}
