package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.micrometer.SessionMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With Actuator (and so Micrometer) on the classpath, the starter binds the session meters: after
 * known requests on the memory backend, {@code /actuator/metrics} shows their exact counts, and the
 * health contributor is still there.
 */
@SpringBootTest(classes = PlainApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"session.type=memory", "SESSION_KEY_PREFIX=starter-metrics21:",
                "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-components=always"})
class MetricsActuatorTest {

    @LocalServerPort
    int port;

    @Autowired
    SessionMetrics metrics;

    @Test
    void theSessionMetersAreUnderActuatorMetrics() {
        Browser browser = new Browser(port);
        String before = new Browser(port).get("/actuator/metrics/session4j.sessions.created").body();
        browser.post("/visits", Map.of());
        browser.post("/visits", Map.of());
        browser.get("/visits");

        assertThat(metrics.hasLiveGauge()).isTrue();
        Browser actuator = new Browser(port);
        assertThat(actuator.get("/actuator/metrics").body()).contains("\"session4j.store.calls\"",
                "\"session4j.sessions.created\"", "\"session4j.sessions.live\"", "\"session4j.record.size\"");
        assertThat(before).contains("\"value\":0.0");
        assertThat(actuator.get("/actuator/metrics/session4j.sessions.created").body()).contains("\"value\":1.0");
        Browser.Response loads = actuator.get("/actuator/metrics/session4j.store.calls?tag=operation:load&tag=outcome:ok");
        assertThat(loads.status()).isEqualTo(200);
        assertThat(loads.body()).contains("{\"statistic\":\"COUNT\",\"value\":2.0}");
        assertThat(actuator.get("/actuator/metrics/session4j.store.calls?tag=operation:create&tag=outcome:ok").body())
                .contains("{\"statistic\":\"COUNT\",\"value\":1.0}");
        assertThat(actuator.get("/actuator/metrics/session4j.store.calls").body()).contains("\"tag\":\"backend\"", "\"memory\"");
        assertThat(actuator.get("/actuator/health").body()).contains("\"session4j\"");
    }
}
