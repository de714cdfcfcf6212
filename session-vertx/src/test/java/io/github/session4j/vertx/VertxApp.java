package io.github.session4j.vertx;

import io.github.session4j.Session;
import io.github.session4j.async.AsyncSessions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;

/** A Vert.x Web application whose sessions are session4j's: sign in, count visits, sign out. */
final class VertxApp implements AutoCloseable {

    static final String USER = "ada";
    static final String PASSWORD = "lovelace";

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    VertxApp(AsyncSessions sessions) throws Exception {
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.response().end("ok")); // before the session handler: never touches it
        router.route().handler(BodyHandler.create());
        router.route().handler(Session4jHandler.create(sessions));
        router.get("/ping").handler(ctx -> ctx.response().end("pong"));
        router.post("/login").handler(ctx -> {
            boolean ok = USER.equals(ctx.request().getFormAttribute("username"))
                    && PASSWORD.equals(ctx.request().getFormAttribute("password"));
            if (!ok) {
                ctx.response().setStatusCode(401).end("wrong password");
                return;
            }
            use(ctx, session -> {
                session.regenerate(); // anti-fixation: the ID from before the sign-in dies
                session.put("user", USER);
                ctx.response().setStatusCode(302).putHeader("Location", "/");
                return "";
            });
        });
        router.get("/").handler(ctx -> use(ctx, session -> session.containsKey("user") ? "hello " + session.get("user") : "anonymous"));
        router.get("/visits").handler(ctx -> use(ctx, session -> String.valueOf(session.getOrDefault("visits", 0))));
        router.post("/visits").handler(ctx -> use(ctx, session ->
                String.valueOf(session.merge("visits", 1, (a, b) -> (Integer) a + (Integer) b))));
        router.post("/logout").handler(ctx -> use(ctx, session -> {
            session.invalidate();
            return "bye";
        }));
        router.get("/thread").handler(ctx -> Session4jHandler.session(ctx)
                .onSuccess(session -> Session4jHandler.end(ctx, Thread.currentThread().getName())));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Loads the session, runs the route's code on the event loop, commits and ends; 503 when the store failed. */
    private static void use(RoutingContext ctx, java.util.function.Function<Session, String> route) {
        Session4jHandler.session(ctx)
                .onSuccess(session -> Session4jHandler.end(ctx, route.apply(session)))
                .onFailure(failure -> Session4jHandler.unavailable(ctx, failure));
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
