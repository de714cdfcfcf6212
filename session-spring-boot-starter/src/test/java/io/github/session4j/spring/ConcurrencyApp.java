package io.github.session4j.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@link TestApp}'s pages under Spring Security's concurrent session control, one session per user:
 * the sign-in at {@code /login} ends the user's other session ({@code maxSessionsPreventsLogin}
 * false, Spring Security's default), the one at {@code /strict/login} is refused while the user has
 * another ({@code maxSessionsPreventsLogin(true)}). {@code /actuator/**} is for the admin.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestApp.Pages.class)
public class ConcurrencyApp {

    static final String PASSWORD = "concurrency-password-1";
    static final String ADMIN = "root";

    @Bean
    @Order(1)
    SecurityFilterChain strict(HttpSecurity http) {
        http.securityMatcher("/strict/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(form -> form.loginProcessingUrl("/strict/login"))
                .sessionManagement(sessions -> sessions.sessionConcurrency(concurrency -> concurrency
                        .maximumSessions(1).maxSessionsPreventsLogin(true)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain lenient(HttpSecurity http) {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/public", "/login").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .sessionManagement(sessions -> sessions.sessionConcurrency(concurrency -> concurrency.maximumSessions(1)));
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("ada").password("{noop}" + PASSWORD).roles("USER").build(),
                User.withUsername("grace").password("{noop}" + PASSWORD).roles("USER").build(),
                User.withUsername("lin").password("{noop}" + PASSWORD).roles("USER").build(),
                User.withUsername(ADMIN).password("{noop}" + PASSWORD).roles("ADMIN").build());
    }
}
