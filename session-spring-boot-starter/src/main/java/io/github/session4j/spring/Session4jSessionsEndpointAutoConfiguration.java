package io.github.session4j.spring;

import io.github.session4j.SessionManager;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link Session4jSessionsEndpoint} as Actuator's {@code sessions} endpoint when it is
 * available, that is exposed ({@code management.endpoints.web.exposure.include}) and not turned
 * off: it is off by default, as every endpoint but health. Exposed on a backend without the
 * principal index, it stops start-up ({@link PrincipalIndexMissingException}).
 */
@AutoConfiguration(after = Session4jAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"})
@ConditionalOnBean(SessionManager.class)
@ConditionalOnAvailableEndpoint(Session4jSessionsEndpoint.class)
public class Session4jSessionsEndpointAutoConfiguration {

    /** What the start-up failure names when the endpoint meets a backend without the index. */
    static final String ENDPOINT = "the Actuator 'sessions' endpoint (management.endpoints.web.exposure.include)";

    /** Created by Spring. */
    public Session4jSessionsEndpointAutoConfiguration() {
        // Spring instantiates auto-configurations
    }

    /**
     * The endpoint.
     *
     * @param manager the session manager
     * @param beanFactory the bean factory, for its class loader
     * @return the endpoint
     * @throws PrincipalIndexMissingException if the manager keeps no principal index
     */
    @Bean
    @ConditionalOnMissingBean
    public Session4jSessionsEndpoint session4jSessionsEndpoint(SessionManager manager,
                                                               ConfigurableListableBeanFactory beanFactory) {
        ClassLoader loader = beanFactory.getBeanClassLoader();
        PrincipalIndexMissingException.require(manager, ENDPOINT,
                loader != null ? loader : Session4jSessionsEndpoint.class.getClassLoader());
        return new Session4jSessionsEndpoint(manager);
    }
}
