package io.github.session4j.sample.webflux;

import java.security.Principal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * The shop's pages, as plain text. Nothing here names session4j: the same class runs on Spring
 * Session in benchmarks/webflux-spring-session.
 */
@RestController
class ShopController {

    @GetMapping("/health")
    String health() {
        return "ok";
    }

    @GetMapping("/")
    Mono<String> home(Mono<Principal> principal) {
        return principal.map(p -> "hello " + p.getName());
    }

    @GetMapping("/visits")
    String visits(WebSession session) {
        return String.valueOf(session.getAttributeOrDefault("visits", 0));
    }

    @PostMapping("/visits")
    String visit(WebSession session) {
        return String.valueOf(session.getAttributes().merge("visits", 1, (a, b) -> (Integer) a + (Integer) b));
    }

    /** The CSRF token for a POST, as Spring Security reactive offers it to the page. */
    @GetMapping("/csrf")
    Mono<String> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token.map(CsrfToken::getToken);
    }
}
