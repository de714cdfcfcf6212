package io.github.session4j.spring;

import io.github.session4j.ProviderDiscovery;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.codec.ValueType;
import io.github.session4j.config.Secrets;
import io.github.session4j.servlet.SessionFilter;
import io.github.session4j.spi.SessionInterfaceProvider;
import io.github.session4j.spring.security.SpringSecurityValueTypes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Spring Boot auto-configuration of session4j: one {@link SessionManager} from the application's
 * settings and {@link SessionFilter} in front of every servlet request, so that
 * {@code request.getSession()} (and so Spring Security, Spring MVC's {@code @SessionAttributes} and
 * every other user of the {@code HttpSession}) keeps its data in the configured store.
 *
 * <ul>
 *   <li><b>Settings</b> come from Spring's {@code Environment} ({@link EnvironmentSessionConfig}):
 *       {@code session.type=redis} or {@code SESSION_TYPE=redis} in {@code application.properties},
 *       YAML, profiles, the environment or system properties. Unknown {@code session.*} keys stop
 *       start-up, as every invalid setting does, with session4j's message.
 *       {@code server.servlet.session.*} settings of the same meaning (timeout, cookie name,
 *       domain, path, http-only, secure, same-site, partitioned) are used when session4j's own key
 *       is unset; the others are reported at start-up, since session4j does not honour them.</li>
 *   <li><b>The manager</b> is one bean named {@value #SESSION_MANAGER_BEAN}, closed with the
 *       context. An application that declares its own {@code SessionManager} bean keeps it, and the
 *       filter uses that one. {@link SessionManagerCustomizer} beans adjust the manager the
 *       starter builds.</li>
 *   <li><b>{@code session.type=jdbc}</b> without {@code session.jdbc.url} keeps sessions through
 *       the application's {@link DataSource} (its single or primary one), which the application
 *       owns; with the URL, or without a DataSource bean, session-jdbc opens its own pool.</li>
 *   <li><b>{@code session.type=redis}</b> without {@code session.redis} takes the server from
 *       {@code spring.data.redis.*} (url, host, port, username, password, database, ssl, timeouts,
 *       client name, Sentinel, Cluster) when they locate one.</li>
 *   <li><b>Spring Security's objects</b> (the security context, CSRF token, saved request ...)
 *       can be kept in the session when Spring Security is on the classpath: its value types
 *       (session-spring-security) are registered on the manager the starter builds.</li>
 *   <li><b>The filter</b> is registered as {@code session4jFilter} at {@link #FILTER_ORDER}, where
 *       Spring Session's sits, before Spring Security's, for the REQUEST, ASYNC and ERROR
 *       dispatches, with the application's {@code HttpSessionListener},
 *       {@code HttpSessionAttributeListener} and {@code HttpSessionIdListener} beans. A bean named
 *       {@code session4jFilterRegistration} replaces the registration.</li>
 * </ul>
 * The start-up log says which backend was chosen and where its location came from.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
@ConditionalOnClass(SessionManager.class)
public class Session4jAutoConfiguration {

    /** The filter's order: Spring Session's, before Spring Security's filter chain. */
    public static final int FILTER_ORDER = Integer.MIN_VALUE + 50;

    /** The name of the manager bean that the starter defines. */
    public static final String SESSION_MANAGER_BEAN = "sessionManager";

    private static final Log LOG = LogFactory.getLog(Session4jAutoConfiguration.class);

    /** Created by Spring. */
    public Session4jAutoConfiguration() {
        // Spring instantiates auto-configurations
    }

    /**
     * The session manager, built from the application's settings; closed with the context.
     *
     * @param environment the application's environment
     * @param beanFactory the bean factory, for its class loader
     * @param choices the ways to build a backend from the application's beans
     * @param customizers the application's adjustments
     * @return the manager
     * @throws io.github.session4j.SessionConfigException when a setting is invalid or unknown
     * @throws io.github.session4j.SessionBackendException when the store cannot be reached
     */
    @Bean(name = SESSION_MANAGER_BEAN, destroyMethod = "close")
    @ConditionalOnMissingBean(SessionManager.class)
    public SessionManager sessionManager(ConfigurableEnvironment environment, ConfigurableListableBeanFactory beanFactory,
                                         ObjectProvider<ProviderChoice> choices,
                                         ObjectProvider<SessionManagerCustomizer> customizers) {
        EnvironmentSessionConfig config = EnvironmentSessionConfig.of(environment);
        warnAboutUnreadFiles(config, classLoader(beanFactory));
        ServerSessionSettings server = ServerSessionSettings.read(environment, config);
        server.infos().forEach(line -> LOG.info("session4j: " + line));
        server.warnings().forEach(line -> LOG.warn("session4j: " + line));
        config = config.withDefaults(server.mapped(), ServerSessionSettings.PREFIX + "*");
        String type = config.getString(CoreKeys.SESSION_TYPE.key()).map(t -> t.trim().toLowerCase(Locale.ROOT)).orElse("");
        if (type.equals("redis")) {
            config = redisLocation(environment, config);
        }
        SessionConfig frozen = config;
        SessionInterfaceProvider provider = choices.orderedStream()
                .map(choice -> choice.provider(type, frozen)).flatMap(Optional::stream).findFirst()
                .orElseGet(() -> ProviderDiscovery.select(frozen, classLoader(beanFactory)));
        SessionManager.Builder builder = SessionManager.builder(config).provider(provider);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        SessionManager manager = builder.build();
        LOG.info("session4j: sessions are kept by the '" + manager.backendName() + "' backend ("
                + provider.artifact() + "), idle lifetime " + manager.settings().permanentLifetime()
                + ", cookie '" + manager.settings().cookieName() + "'");
        if (LOG.isDebugEnabled()) {
            LOG.debug(config.describe(Stream.concat(CoreKeys.settings().stream(), provider.settings().stream()).toList()));
        }
        return manager;
    }

    private static void warnAboutUnreadFiles(SessionConfig config, ClassLoader loader) {
        if (loader.getResource(SessionConfig.PROPERTIES_RESOURCE) != null) {
            LOG.warn("session4j: " + SessionConfig.PROPERTIES_RESOURCE + " on the classpath is not read: with Spring Boot"
                    + " the settings come from Spring's Environment; move them to application.properties");
        }
        config.getString(CoreKeys.SESSION_CONFIG.key()).ifPresent(file -> LOG.warn("session4j: "
                + CoreKeys.SESSION_CONFIG.key() + "=" + file + " is not read: with Spring Boot the settings come from"
                + " Spring's Environment; add the file with spring.config.import=optional:file:" + file));
    }

    private static EnvironmentSessionConfig redisLocation(ConfigurableEnvironment environment,
                                                          EnvironmentSessionConfig config) {
        if (SpringDataRedisSettings.ownLocationSet(config)) {
            LOG.info("session4j: Redis at " + Secrets.maskUriPasswords(config.getString("SESSION_REDIS").orElseThrow())
                    + ", from session.redis (" + config.origin("SESSION_REDIS").orElse("?") + ")");
            return config;
        }
        SpringDataRedisSettings spring = SpringDataRedisSettings.read(environment);
        spring.warnings().forEach(line -> LOG.warn("session4j: " + line));
        if (!spring.located()) {
            LOG.warn("session4j: session.type=redis but neither session.redis nor spring.data.redis.url, .host,"
                    + " .port, .cluster.nodes or .sentinel.master is set");
            return config;
        }
        LOG.info("session4j: no session.redis: using Spring Boot's spring.data.redis.* settings, "
                + spring.summary());
        return config.withDefaults(spring.settings(), SpringDataRedisSettings.PREFIX + "*");
    }

    private static ClassLoader classLoader(ConfigurableListableBeanFactory beanFactory) {
        ClassLoader loader = beanFactory.getBeanClassLoader();
        return loader != null ? loader : Session4jAutoConfiguration.class.getClassLoader();
    }

    /** The application's DataSource for {@code session.type=jdbc}, when session-jdbc is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.github.session4j.jdbc.JdbcSessionInterface")
    static class JdbcConfiguration {

        @Bean
        ProviderChoice session4jApplicationDataSource(ObjectProvider<DataSource> dataSources,
                                                      ConfigurableListableBeanFactory beanFactory) {
            return (type, config) -> {
                if (!type.equals("jdbc")) {
                    return Optional.empty();
                }
                Optional<String> url = config.getString("SESSION_JDBC_URL");
                if (url.isPresent()) {
                    LOG.info("session4j: session-jdbc opens its own pool to " + Secrets.maskUriPasswords(url.get())
                            + ", from session.jdbc.url");
                    return Optional.empty();
                }
                DataSource dataSource = dataSources.getIfUnique();
                if (dataSource == null) {
                    LOG.info("session4j: session.type=jdbc, no session.jdbc.url and no single or primary DataSource"
                            + " bean: session-jdbc opens its own pool on its default database");
                    return Optional.empty();
                }
                // closed before any DataSource, which the manager's backend uses until then
                for (String name : beanFactory.getBeanNamesForType(DataSource.class, true, false)) {
                    beanFactory.registerDependentBean(name, SESSION_MANAGER_BEAN);
                }
                String where = describe(dataSource);
                LOG.info("session4j: no session.jdbc.url: sessions are kept through the application's DataSource ("
                        + where + ")");
                if (where.startsWith("jdbc:h2:mem:") || where.startsWith("jdbc:hsqldb:mem:")
                        || where.startsWith("jdbc:derby:memory:")) {
                    LOG.warn("session4j: the application's DataSource is an in-memory database (" + where + "): every"
                            + " session ends with the process; set spring.datasource.url or session.jdbc.url to keep them");
                }
                Set<String> unused = DataSourceJdbcProvider.poolKeysIn(config.keys());
                if (!unused.isEmpty()) {
                    LOG.warn("session4j: " + String.join(", ", unused) + " not used: they configure session-jdbc's"
                            + " own pool, and the application's DataSource is used instead");
                }
                return Optional.of(new DataSourceJdbcProvider(dataSource));
            };
        }

        private static String describe(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                return Secrets.maskUriPasswords(String.valueOf(connection.getMetaData().getURL()));
            } catch (SQLException e) {
                return dataSource.getClass().getName() + ", which gave no connection: " + e.getMessage();
            }
        }
    }

    /** Spring Security's value types, when the application has Spring Security and Jackson 3. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.security.core.context.SecurityContext",
            "tools.jackson.databind.json.JsonMapper",
            "io.github.session4j.spring.security.SpringSecurityValueTypes"})
    static class SpringSecurityConfiguration {

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SessionManagerCustomizer session4jSpringSecurityValueTypes(ConfigurableListableBeanFactory beanFactory) {
            return builder -> {
                List<ValueType<?>> types = SpringSecurityValueTypes.all(classLoader(beanFactory));
                types.forEach(builder::valueType);
                LOG.info("session4j: Spring Security's session values (" + types.size() + " value types) are stored"
                        + " with Spring Security's Jackson allowlist");
            };
        }
    }

    /** The servlet filter, in a servlet web application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    static class ServletConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "session4jFilterRegistration")
        FilterRegistrationBean<SessionFilter> session4jFilterRegistration(
                SessionManager manager, ObjectProvider<HttpSessionListener> sessionListeners,
                ObjectProvider<HttpSessionAttributeListener> attributeListeners,
                ObjectProvider<HttpSessionIdListener> idListeners) {
            SessionFilter filter = new SessionFilter(manager);
            List<EventListener> listeners = new ArrayList<>();
            for (ObjectProvider<? extends EventListener> provider : List.of(sessionListeners, attributeListeners, idListeners)) {
                // one bean may be several kinds of listener: register it once
                provider.orderedStream().filter(l -> listeners.stream().noneMatch(known -> known == l)).forEach(listeners::add);
            }
            listeners.forEach(filter::addListener);
            FilterRegistrationBean<SessionFilter> registration = new FilterRegistrationBean<>(filter);
            registration.setName("session4jFilter");
            registration.setOrder(FILTER_ORDER);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            registration.setAsyncSupported(true);
            registration.addUrlPatterns("/*");
            return registration;
        }
    }
}
