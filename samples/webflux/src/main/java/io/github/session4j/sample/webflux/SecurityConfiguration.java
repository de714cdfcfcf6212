package io.github.session4j.sample.webflux;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** Spring Security reactive with its own form login page; the security context is kept in the session. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The one user of the shop. */
    static final String USER = "ada";
    static final String PASSWORD = "lovelace";
    /** A second user, to show that signing in as someone else starts an empty session. */
    static final String OTHER_USER = "grace";
    static final String OTHER_PASSWORD = "hopper";

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http
                .authorizeExchange(exchanges -> exchanges.pathMatchers("/health", "/login").permitAll()
                        .anyExchange().authenticated())
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults()) // for API clients: no session, no sign-in
                .logout(Customizer.withDefaults())
                .build();
    }

    @Bean
    MapReactiveUserDetailsService users() {
        return new MapReactiveUserDetailsService(User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build(),
                User.withUsername(OTHER_USER).password("{noop}" + OTHER_PASSWORD).roles("USER").build());
    }
}
