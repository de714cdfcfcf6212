package io.github.session4j.webflux;

import io.github.session4j.RequestHeaders;
import io.github.session4j.async.AsyncSessions;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The opt-in cross-origin guard of DESIGN.md §11 for WebFlux: with
 * {@code SESSION_CROSS_ORIGIN_PROTECTION=true}, an unsafe request from another origin is answered
 * 403 before the application runs (with the guard off, this filter passes everything on). Without
 * the guard, {@link Session4jWebSessionManager} still never lets such a request create a session
 * cookie. Does no I/O; ordered first.
 */
public final class CrossOriginWebFilter implements WebFilter, Ordered {

    private final AsyncSessions sessions;

    /**
     * A filter with the manager's guard settings.
     *
     * @param sessions the non-blocking path of the application's {@code SessionManager}
     */
    public CrossOriginWebFilter(AsyncSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        RequestHeaders headers = request.getHeaders()::getOrEmpty;
        Optional<String> refusal = sessions.crossOriginRefusal(request.getMethod().name(),
                request.getPath().pathWithinApplication().value(), headers);
        if (refusal.isEmpty()) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        response.getHeaders().set("Vary", "Origin, Sec-Fetch-Site");
        DataBuffer body = response.bufferFactory().wrap(refusal.get().getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

    /** First of all filters, as the servlet filter's guard runs before the application. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
