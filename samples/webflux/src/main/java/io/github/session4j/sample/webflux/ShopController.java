package io.github.session4j.sample.webflux;

import io.github.session4j.async.AsyncSessions;
import io.github.session4j.webflux.Session4jWebSessionManager;
import java.security.Principal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The shop's pages, as plain text. */
@RestController
class ShopController {

    private final AsyncSessions sessions;

    ShopController(AsyncSessions sessions) {
        this.sessions = sessions;
    }

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

    /** Who session4j has signed in to this session, and the session's handle ("this device" on a list of sessions). */
    @GetMapping("/me")
    Mono<String> me(ServerWebExchange exchange) {
        return Session4jWebSessionManager.sessionContext(exchange)
                .map(context -> context.principal().orElse("nobody") + " " + context.handle().orElse("-"));
    }

    /** "Sign out everywhere else": ends the user's other sessions, on session4j's store threads; answers how many. */
    @PostMapping("/sessions/revoke-others")
    Mono<String> revokeOthers(ServerWebExchange exchange) {
        return Session4jWebSessionManager.sessionContext(exchange)
                .flatMap(context -> Mono.fromCompletionStage(sessions.endOtherSessions(context)))
                .publishOn(Schedulers.parallel()) // the stage completes on a store thread: go on off it
                .map(String::valueOf);
    }
}
