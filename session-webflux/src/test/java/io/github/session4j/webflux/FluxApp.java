package io.github.session4j.webflux;

import io.github.session4j.async.AsyncSessions;
import io.github.session4j.SessionInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.handler.ResponseStatusExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** A small WebFlux application on Reactor Netty, without a Spring context, whose sessions are session4j's. */
final class FluxApp implements AutoCloseable {

    private final DisposableServer server;

    FluxApp(AsyncSessions sessions) {
        Session4jServerSecurityContextRepository signIns = new Session4jServerSecurityContextRepository();
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .GET("/health", request -> ServerResponse.ok().bodyValue("ok"))
                .GET("/get", request -> request.session()
                        .flatMap(s -> ServerResponse.ok().bodyValue(String.valueOf(s.getAttributes().get("value")))))
                .POST("/set", request -> request.session().flatMap(s -> {
                    s.getAttributes().put("value", request.queryParam("v").orElse(""));
                    return ServerResponse.ok().bodyValue("set");
                }))
                .GET("/visits", request -> request.session().flatMap(s -> ServerResponse.ok().bodyValue(String.valueOf(
                        s.getAttributes().merge("visits", 1, (a, b) -> (Integer) a + (Integer) b)))))
                .POST("/regenerate", request -> request.session().flatMap(WebSession::changeSessionId)
                        .then(ServerResponse.ok().bodyValue("regenerated")))
                .POST("/logout", request -> request.session().flatMap(WebSession::invalidate)
                        .then(ServerResponse.ok().bodyValue("bye")))
                .GET("/redirect", request -> request.session().flatMap(s -> {
                    s.getAttributes().put("value", "redirected");
                    return ServerResponse.status(302).header("Location", "/get").build();
                }))
                .GET("/attributes", request -> request.session().map(s -> Map.copyOf(s.getAttributes()))
                        .flatMap(m -> ServerResponse.ok().bodyValue(m.toString())))
                .POST("/signin", request -> signIns.save(request.exchange(), new SecurityContextImpl(
                        UsernamePasswordAuthenticationToken.authenticated(request.queryParam("u").orElseThrow(), null, List.of())))
                        .then(ServerResponse.ok().bodyValue("signed in")))
                .POST("/signout", request -> signIns.save(request.exchange(), null).then(ServerResponse.ok().bodyValue("bye")))
                .GET("/me", request -> Session4jWebSessionManager.sessionContext(request.exchange())
                        .flatMap(c -> ServerResponse.ok().bodyValue(c.principal().orElse("nobody") + " " + c.handle().orElse("-"))))
                .POST("/revoke-others", request -> Session4jWebSessionManager.sessionContext(request.exchange())
                        .flatMap(c -> Mono.fromCompletionStage(sessions.endOtherSessions(c)))
                        .publishOn(Schedulers.parallel())
                        .flatMap(n -> ServerResponse.ok().bodyValue(String.valueOf(n))))
                .GET("/sessions", request -> Mono.fromCompletionStage(sessions.sessionsOf(request.queryParam("u").orElseThrow()))
                        .publishOn(Schedulers.parallel())
                        .flatMap(page -> ServerResponse.ok().bodyValue(page.sessions().stream().map(SessionInfo::handle)
                                .collect(Collectors.joining(",", "[", "]")))))
                .GET("/thread", request -> request.session().then(Mono.fromCallable(() -> Thread.currentThread().getName()))
                        .flatMap(name -> ServerResponse.ok().bodyValue(name)))
                .build();
        HttpHandler handler = WebHttpHandlerBuilder.webHandler(RouterFunctions.toWebHandler(routes))
                .filter(new CrossOriginWebFilter(sessions))
                .sessionManager(new Session4jWebSessionManager(sessions))
                .exceptionHandler(new ResponseStatusExceptionHandler())
                .build();
        server = HttpServer.create().host("127.0.0.1").port(0).handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
