package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionManager;
import io.github.session4j.servlet.SessionFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.core.context.SecurityContext;

/** What the auto-configuration registers, with and without its optional dependencies on the classpath. */
@ExtendWith(OutputCaptureExtension.class)
class AutoConfigurationConditionsTest {

    private static final AutoConfigurations STARTER = AutoConfigurations.of(Session4jAutoConfiguration.class,
            Session4jHealthAutoConfiguration.class);

    private final ApplicationContextRunner plain = new ApplicationContextRunner().withConfiguration(STARTER)
            .withPropertyValues("session.type=memory");

    @Test
    void everythingIsRegisteredWhenTheOptionalJarsArePresent() {
        plain.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SessionManager.class)
                    .hasBean(Session4jAutoConfiguration.SESSION_MANAGER_BEAN)
                    .hasBean("session4jSpringSecurityValueTypes").hasBean("session4jApplicationDataSource")
                    .hasSingleBean(Session4jHealthIndicator.class)
                    .doesNotHaveBean("session4jFilterRegistration"); // not a web application
        });
    }

    @Test
    void withoutSpringSecurityItsValueTypesAreNotRegistered() {
        plain.withClassLoader(new FilteredClassLoader(SecurityContext.class)).run(context -> assertThat(context)
                .hasNotFailed().hasSingleBean(SessionManager.class).doesNotHaveBean("session4jSpringSecurityValueTypes"));
    }

    @Test
    void withoutSessionJdbcTheDataSourceChoiceIsNotRegistered() {
        plain.withClassLoader(new FilteredClassLoader("io.github.session4j.jdbc.")).run(context -> assertThat(context)
                .hasNotFailed().hasSingleBean(SessionManager.class).doesNotHaveBean("session4jApplicationDataSource"));
    }

    @Test
    void withoutActuatorsHealthContractThereIsNoHealthIndicator() {
        plain.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(Session4jHealthIndicator.class));
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        plain.withPropertyValues("management.health.session4j.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(Session4jHealthIndicator.class));
    }

    @Test
    void anInMemoryApplicationDataSourceIsUsedWithAWarning(CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, Session4jAutoConfiguration.class))
                .withPropertyValues("session.type=jdbc", "session.jdbc.sweep-interval=0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SessionManager manager = context.getBean(SessionManager.class);
                    assertThat(manager.backendName()).isEqualTo("jdbc");
                    try (Connection connection = context.getBean(DataSource.class).getConnection();
                            ResultSet tables = connection.getMetaData().getTables(null, null, "SESSIONS", null)) {
                        assertThat(tables.next()).as("the sessions table in the application's database").isTrue();
                    }
                });
        assertThat(output.getOut() + output.getErr()).contains("no session.jdbc.url: sessions are kept through the"
                + " application's DataSource (jdbc:h2:mem:").contains("is an in-memory database");
    }

    @Test
    void inAServletApplicationTheFilterSitsAtSpringSessionsPlaceForRequestAsyncAndErrorDispatches() {
        new WebApplicationContextRunner().withConfiguration(STARTER).withPropertyValues("session.type=memory")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("session4jFilterRegistration");
                    FilterRegistrationBean<?> registration = context.getBean("session4jFilterRegistration",
                            FilterRegistrationBean.class);
                    assertThat(registration.getFilter()).isInstanceOf(SessionFilter.class);
                    assertThat(registration.getOrder()).isEqualTo(Integer.MIN_VALUE + 50);
                    assertThat(registration.determineDispatcherTypes())
                            .isEqualTo(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
                    assertThat(registration.getUrlPatterns()).containsExactly("/*");
                    assertThat(registration.isAsyncSupported()).isTrue();
                    assertThat(registration.getFilterName()).isEqualTo("session4jFilter");
                });
    }
}
