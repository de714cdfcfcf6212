package io.github.session4j.spring;

import io.github.session4j.SessionManager;
import io.github.session4j.micrometer.SessionMetrics;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Binds the session manager's meters ({@code session-micrometer}'s {@link SessionMetrics}) when
 * Micrometer and {@code session-micrometer} are on the classpath: Boot binds every
 * {@code MeterBinder} bean to the application's {@code MeterRegistry}, so the meters appear under
 * {@code /actuator/metrics}, and the load and commit observations go to the application's
 * {@link ObservationRegistry} (traces, with Micrometer Tracing). A bean of type
 * {@link SessionMetrics} of the application's own replaces it.
 */
@AutoConfiguration(after = Session4jAutoConfiguration.class)
@ConditionalOnClass(name = {"io.micrometer.core.instrument.binder.MeterBinder", "io.github.session4j.micrometer.SessionMetrics"})
@ConditionalOnBean(SessionManager.class)
public class Session4jMetricsAutoConfiguration {

    /** Created by Spring. */
    public Session4jMetricsAutoConfiguration() {
        // Spring instantiates auto-configurations
    }

    /**
     * The binder; Spring closes it (which stops recording) before it closes the manager.
     *
     * @param manager the session manager, the starter's or the application's
     * @param observations the application's observation registry, if it has one
     * @return the binder
     */
    @Bean
    @ConditionalOnMissingBean
    public SessionMetrics session4jMetrics(SessionManager manager, ObjectProvider<ObservationRegistry> observations) {
        return new SessionMetrics(manager, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
