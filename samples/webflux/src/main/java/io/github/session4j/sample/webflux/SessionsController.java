package io.github.session4j.sample.webflux;

import io.github.session4j.async.AsyncSessions;
import io.github.session4j.webflux.Session4jWebSessionManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The pages that use session4j's own operations: who is signed in, and "sign out everywhere
 * else". Only where session4j is on the class path, so that the shop's classes also run on Spring
 * Session (benchmarks/webflux-spring-session).
 */
@RestController
@ConditionalOnClass(name = "io.github.session4j.webflux.Session4jWebSessionManager")
class SessionsController {

    private final AsyncSessions sessions;

    SessionsController(AsyncSessions sessions) {
        this.sessions = sessions;
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
