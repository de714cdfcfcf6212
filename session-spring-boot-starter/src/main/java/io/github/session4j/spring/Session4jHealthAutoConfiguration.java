package io.github.session4j.spring;

import io.github.session4j.SessionManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link Session4jHealthIndicator} as the health contributor {@code session4j} when
 * Actuator's health support is on the classpath; {@code management.health.session4j.enabled=false}
 * turns it off, a bean named {@code session4jHealthIndicator} replaces it.
 */
@AutoConfiguration(after = Session4jAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(SessionManager.class)
@ConditionalOnEnabledHealthIndicator("session4j")
public class Session4jHealthAutoConfiguration {

    /** Created by Spring. */
    public Session4jHealthAutoConfiguration() {
        // Spring instantiates auto-configurations
    }

    /**
     * The health contributor.
     *
     * @param manager the session manager, the starter's or the application's
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "session4jHealthIndicator")
    public Session4jHealthIndicator session4jHealthIndicator(SessionManager manager) {
        return new Session4jHealthIndicator(manager);
    }
}
