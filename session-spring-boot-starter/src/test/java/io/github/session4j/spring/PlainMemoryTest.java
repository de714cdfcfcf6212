package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionManager;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;

/**
 * Without Spring Security, on the memory backend: the HttpSession is session4j's, with the cookie
 * and the lifetime that Boot's {@code server.servlet.session.*} settings name, and the
 * application's session listener beans hear it.
 */
@SpringBootTest(classes = {PlainApp.class, PlainMemoryTest.Listener.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"session.type=memory", "server.servlet.session.cookie.name=sid",
                "server.servlet.session.timeout=20m"})
class PlainMemoryTest {

    @LocalServerPort
    int port;

    @Autowired
    SessionManager manager;

    @Autowired
    Listener listener;

    @Test
    void theHttpSessionIsSession4jsWithBootsCookieSettings() {
        Browser browser = new Browser(port);
        Browser.Response first = browser.post("/visits", Map.of());
        assertThat(first.body()).isEqualTo("1");
        assertThat(first.setCookies()).singleElement().asString().startsWith("sid=").contains("Max-Age=1200;");
        assertThat(browser.post("/visits", Map.of()).body()).isEqualTo("2");
        assertThat(browser.get("/visits").body()).isEqualTo("2");
        assertThat(browser.setCookies()).noneMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(manager.backendName()).isEqualTo("memory");
        assertThat(manager.settings().permanentLifetime()).isEqualTo(Duration.ofMinutes(20));
        assertThat(manager.stats()).isNotNull();
    }

    @Test
    void theApplicationsSessionListenerBeansHearSession4jsSessions() {
        int before = listener.created.get();
        new Browser(port).post("/visits", Map.of());
        assertThat(listener.created.get()).isEqualTo(before + 1);
    }

    /** An application's HttpSessionListener bean (Boot also hands such beans to the container). */
    @Configuration(proxyBeanMethods = false)
    static class Listener implements HttpSessionListener {

        final AtomicInteger created = new AtomicInteger();

        @Override
        public void sessionCreated(HttpSessionEvent event) {
            created.incrementAndGet();
        }
    }
}
