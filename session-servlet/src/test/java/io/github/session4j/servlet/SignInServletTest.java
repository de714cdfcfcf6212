package io.github.session4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.memory.MemorySessionInterface;
import io.github.session4j.servlet.ServletContainerContractTest.RunningServer;
import io.github.session4j.servlet.ServletContainerContractTest.ServerSetup;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in from a servlet app in an embedded container, over the memory backend (which keeps
 * the principal index): {@code SESSION_PRINCIPAL_KEY} with {@code changeSessionId()}, removing the
 * attribute or invalidating to sign out, and {@link SessionFilter#context} for the operations.
 * Each container runs it through a subclass that starts the server as its contract test does.
 */
abstract class SignInServletTest {

    @TempDir
    Path baseDir;

    /** Starts the container with the filter and the servlet of {@code setup}, on a free loopback port. */
    abstract RunningServer start(ServerSetup setup) throws Exception;

    /** In embedded Tomcat 11. */
    static final class InTomcat extends SignInServletTest {
        @Override
        RunningServer start(ServerSetup setup) throws Exception {
            TomcatSessionFilterTest tomcat = new TomcatSessionFilterTest();
            tomcat.baseDir = baseDir;
            return tomcat.start(setup);
        }
    }

    /** In embedded Jetty 12 (ee10). */
    static final class InJetty extends SignInServletTest {
        @Override
        RunningServer start(ServerSetup setup) throws Exception {
            return new JettySessionFilterTest().start(setup);
        }
    }

    private SessionManager manager;
    private RunningServer server;
    private final CookieClient alice = new CookieClient();

    /** The app: each path is one thing a servlet app does with its session. */
    private static final class App extends HttpServlet {
        private static final long serialVersionUID = 1L;

        private final transient SessionManager manager;

        App(SessionManager manager) {
            this.manager = manager;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String user = request.getParameter("user");
            String answer = switch (request.getPathInfo()) {
                case "/login" -> {
                    request.getSession().setAttribute("user", user);
                    request.changeSessionId();
                    yield "ok";
                }
                case "/put" -> {
                    request.getSession().setAttribute("cart", request.getParameter("item"));
                    yield "ok";
                }
                case "/remove-user" -> {
                    request.getSession().removeAttribute("user");
                    yield "ok";
                }
                case "/invalidate" -> {
                    request.getSession().invalidate();
                    yield "ok";
                }
                case "/helper-sign-in" -> {
                    SessionFilter.context(request).signIn(user);
                    yield "ok";
                }
                case "/sign-out-everywhere-else" -> String.valueOf(manager.endOtherSessions(SessionFilter.context(request)));
                default -> {
                    HttpSession session = request.getSession(false);
                    SessionContext context = SessionFilter.context(request);
                    yield context.principal().orElse("anonymous") + " " + (session == null ? null : session.getAttribute("cart"))
                            + " " + (session == null ? null : session.getAttribute("user"));
                }
            };
            response.getWriter().write(answer);
        }
    }

    @BeforeEach
    void start() throws Exception {
        manager = SessionManager.builder(SessionConfig.builder().put("SESSION_PRINCIPAL_KEY", "user").build())
                .backend("memory", new MemorySessionInterface(Clock.systemUTC())).build();
        server = start(new ServerSetup(new SessionFilter(manager), Map.of(), Map.of(), new App(manager)));
    }

    @AfterEach
    void stop() {
        server.close();
        manager.close();
    }

    private String get(CookieClient client, String pathAndQuery) throws Exception {
        HttpResponse<String> response = client.get(server.port(), "/probe" + pathAndQuery);
        assertThat(response.statusCode()).as("status of %s", pathAndQuery).isEqualTo(200);
        return response.body();
    }

    @Test
    void settingThePrincipalAttributeAndChangingTheIdSignsIn() throws Exception {
        get(alice, "/put?item=book");
        String anonymous = alice.sessionCookie();

        get(alice, "/login?user=alice");

        assertThat(alice.sessionCookie()).as("the cookie after the sign-in").isNotEqualTo(anonymous);
        assertThat(get(alice, "/whoami")).as("the next request").isEqualTo("alice book alice");
        assertThat(manager.sessionsOf("alice").sessions()).hasSize(1);
        CookieClient replay = new CookieClient();
        replay.sessionCookie(anonymous);
        assertThat(get(replay, "/whoami")).as("a request with the pre-sign-in cookie").isEqualTo("anonymous null null");
    }

    @Test
    void signingInAsAnotherUserStartsAfreshButKeepsThePrincipalAttribute() throws Exception {
        get(alice, "/login?user=alice");
        get(alice, "/put?item=alices-secret");
        get(alice, "/login?user=bob");
        assertThat(get(alice, "/whoami")).isEqualTo("bob null bob");
    }

    @Test
    void removingThePrincipalAttributeOrInvalidatingSignsOut() throws Exception {
        get(alice, "/login?user=alice");
        CookieClient other = new CookieClient();
        get(other, "/login?user=alice");
        assertThat(manager.sessionsOf("alice").sessions()).hasSize(2);

        get(alice, "/remove-user");
        get(other, "/invalidate");

        assertThat(manager.sessionsOf("alice").sessions()).as("alice's sessions after both signed out").isEmpty();
        assertThat(get(alice, "/whoami")).isEqualTo("anonymous null null");
    }

    @Test
    void theContextHelperSignsInAndEndsOtherSessionsAtOnce() throws Exception {
        CookieClient laptop = new CookieClient();
        get(alice, "/helper-sign-in?user=alice");
        get(laptop, "/helper-sign-in?user=alice");

        assertThat(get(alice, "/sign-out-everywhere-else")).isEqualTo("1");

        assertThat(get(laptop, "/whoami")).as("the other browser's next request").isEqualTo("anonymous null null");
        assertThat(get(alice, "/whoami")).isEqualTo("alice null null");
    }
}
