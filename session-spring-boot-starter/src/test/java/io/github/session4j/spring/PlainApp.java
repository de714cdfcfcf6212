package io.github.session4j.spring;

import jakarta.servlet.http.HttpSession;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application without Spring Security: a counter in the HttpSession. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"})
@Import(PlainApp.Pages.class)
public class PlainApp {

    /** The pages. */
    @RestController
    static class Pages {

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
    }
}
