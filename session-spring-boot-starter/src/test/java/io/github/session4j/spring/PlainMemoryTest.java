package io.github.session4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The skeleton: the manager from the Environment (memory backend), the filter in front of the app. */
@SpringBootTest(classes = PlainApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"session.type=memory", "SESSION_COOKIE_NAME=sid"})
class PlainMemoryTest {

    @LocalServerPort
    int port;

    @Autowired
    SessionManager manager;

    @Test
    void httpSessionIsSession4jsAndNoContainerCookieIsSent() {
        Browser browser = new Browser(port);
        assertThat(browser.post("/visits", Map.of()).body()).isEqualTo("1");
        assertThat(browser.cookie("sid")).isNotNull();
        assertThat(browser.post("/visits", Map.of()).body()).isEqualTo("2");
        assertThat(browser.get("/visits").body()).isEqualTo("2");
        assertThat(browser.setCookies()).noneMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(manager.backendName()).isEqualTo("memory");
        assertThat(manager.stats()).isNotNull();
    }
}
