package io.github.session4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.memory.MemorySessionInterface;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With Micrometer Tracing (here its test tracer; in production the OpenTelemetry bridge), a
 * request's session load and commit are spans, children of the request's own span, that hold the
 * store time, and whose tags name the backend and nothing else.
 */
class TracingTest {

    @Test
    void theLoadAndTheCommitAreSpansOfTheRequest() {
        SimpleTracer tracer = new SimpleTracer();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
        SessionConfig config = SessionConfig.builder().put("SESSION_KEY_PREFIX", "metrics21-tracing:").build();
        try (SessionManager manager = SessionManager.builder(config)
                .backend("memory", new MemorySessionInterface(Clock.systemUTC(), "metrics21-tracing:")).build()) {
            SessionMetrics metrics = new SessionMetrics(manager, observations);
            metrics.bindTo(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            Requests requests = new Requests(manager);
            String id = requests.run(null, s -> s.put("a", 1L));

            io.micrometer.tracing.Span request = tracer.nextSpan().name("GET /cart").start();
            io.micrometer.tracing.Tracer.SpanInScope scope = tracer.withSpan(request);
            try {
                requests.run(id, s -> s.put("a", 2L));
            } finally {
                scope.close();
                request.end();
            }

            List<SimpleSpan> spans = List.copyOf(tracer.getSpans());
            SimpleSpan requestSpan = spans.stream().filter(s -> s.getName().equals("GET /cart")).findFirst().orElseThrow();
            List<SimpleSpan> children = spans.stream().filter(s -> requestSpan.getSpanId().equals(s.getParentId())).toList();
            assertThat(children).extracting(SimpleSpan::getName)
                    .containsExactly("a request's session load", "a request's session commit");
            assertThat(children).allSatisfy(span -> {
                assertThat(span.getTags()).containsExactlyEntriesOf(java.util.Map.of("backend", "memory"));
                assertThat(span.getEndTimestamp()).isAfterOrEqualTo(span.getStartTimestamp());
            });
            assertThat(spans).allSatisfy(span -> assertThat(span.getTags().values()).noneMatch(v -> v.contains(id)));
            metrics.close();
        }
    }
}
