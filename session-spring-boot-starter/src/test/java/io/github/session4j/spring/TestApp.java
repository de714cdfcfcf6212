package io.github.session4j.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the tests run: Spring MVC and Spring Security's form login with CSRF on, a
 * counter kept in the HttpSession, a page only admins may see (403 for others). The error page
 * ({@code /error}) is not open to everyone, as in many applications: an error dispatch that lost
 * the signed-in user's session would answer with a redirect to the login page.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestApp.Pages.class)
public class TestApp {

    static final String USER = "ada";
    static final String PASSWORD = "ada-lovelace-1815";
    static final String OTHER_USER = "grace";
    static final String OTHER_PASSWORD = "grace-hopper-1906";

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/public", "/login", "/actuator/health/**").permitAll()
                        .requestMatchers("/admin").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build(),
                User.withUsername(OTHER_USER).password("{noop}" + OTHER_PASSWORD).roles("USER").build());
    }

    /** The pages. */
    @RestController
    static class Pages {

        @GetMapping("/public")
        String publicPage() {
            return "public";
        }

        @GetMapping("/")
        String home(HttpServletRequest request) {
            return "hello " + request.getUserPrincipal().getName();
        }

        @PostMapping("/visits")
        String visit(HttpSession session) {
            Integer visits = (Integer) session.getAttribute("visits");
            int next = visits == null ? 1 : visits + 1;
            session.setAttribute("visits", next);
            return Integer.toString(next);
        }

        @GetMapping("/visits")
        String visits(HttpSession session) {
            return String.valueOf(session.getAttribute("visits"));
        }

        @GetMapping("/csrf")
        String csrf(CsrfToken token) {
            return token.getToken();
        }

        @GetMapping("/admin")
        String admin() {
            return "admin";
        }
    }
}
