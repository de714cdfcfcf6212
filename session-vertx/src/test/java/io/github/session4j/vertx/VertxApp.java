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
    static final String OTHER_USER = "grace";
    static final String OTHER_PASSWORD = "hopper";

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    VertxApp(AsyncSessions sessions) throws Exception {
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.response().end("ok")); // before the session handler: never touches it
        router.route().handler(BodyHandler.create());
        router.route().handler(Session4jHandler.create(sessions));
        router.get("/ping").handler(ctx -> ctx.response().end("pong"));
        router.post("/login").handler(ctx -> {
            String user = ctx.request().getFormAttribute("username");
            boolean ok = USER.equals(user) && PASSWORD.equals(ctx.request().getFormAttribute("password"))
                    || OTHER_USER.equals(user) && OTHER_PASSWORD.equals(ctx.request().getFormAttribute("password"));
            if (!ok) {
                ctx.response().setStatusCode(401).end("wrong password");
                return;
            }
            // session4j's sign-in: a new ID at the commit (the one from before dies), the principal recorded and indexed
            Session4jHandler.signIn(ctx, user)
                    .onSuccess(done -> {
                        ctx.response().setStatusCode(302).putHeader("Location", "/");
                        Session4jHandler.end(ctx, "");
                    })
                    .onFailure(failure -> Session4jHandler.unavailable(ctx, failure));
        });
        router.get("/").handler(ctx -> Session4jHandler.context(ctx)
                .onSuccess(context -> Session4jHandler.end(ctx, context.principal().map(p -> "hello " + p).orElse("anonymous")))
                .onFailure(failure -> Session4jHandler.unavailable(ctx, failure)));
        router.get("/me").handler(ctx -> Session4jHandler.context(ctx)
                .onSuccess(context -> Session4jHandler.end(ctx, context.principal().orElse("nobody") + " "
                        + context.handle().orElse("-")))
                .onFailure(failure -> Session4jHandler.unavailable(ctx, failure)));
        router.post("/sessions/revoke-others").handler(ctx -> Session4jHandler.endOtherSessions(ctx)
                .onSuccess(ended -> Session4jHandler.end(ctx, String.valueOf(ended)))
                .onFailure(failure -> Session4jHandler.unavailable(ctx, failure)));
        router.get("/visits").handler(ctx -> use(ctx, session -> String.valueOf(session.getOrDefault("visits", 0))));
        router.post("/visits").handler(ctx -> use(ctx, session ->
                String.valueOf(session.merge("visits", 1, (a, b) -> (Integer) a + (Integer) b))));
        router.post("/logout").handler(ctx -> Session4jHandler.signOut(ctx)
                .onSuccess(done -> Session4jHandler.end(ctx, "bye"))
                .onFailure(failure -> Session4jHandler.unavailable(ctx, failure)));
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
