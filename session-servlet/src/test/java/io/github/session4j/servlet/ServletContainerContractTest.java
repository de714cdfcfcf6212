package io.github.session4j.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionConfig;
import io.github.session4j.SessionManager;
import io.github.session4j.jdbc.JdbcSessionInterfaceProvider;
import io.github.session4j.memory.MemorySessionInterface;
import io.github.session4j.spi.BackendContext;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link SessionFilter} promises, over real HTTP in a real servlet container. Each container
 * (Jetty 12 ee10, Tomcat 11) runs this same class through a subclass that says how to start it.
 */
abstract class ServletContainerContractTest {

    /** What a test server is made of: the filter instance (or {@code null} to have the container make one from init-parameters). */
    record ServerSetup(Filter filter, Map<String, String> initParams, Map<String, Object> contextAttributes,
                       HttpServlet servlet) {
    }

    /** A started server; closing it stops it. */
    interface RunningServer extends AutoCloseable {
        int port();

        /** Stops the server; a failure to stop fails the test. */
        @Override
        void close();
    }

    /** The dispatcher types the session filter is mapped for, as the README says to map it. */
    static final List<String> SESSION_FILTER_DISPATCHES = List.of("REQUEST", "ASYNC", "ERROR");

    /** The container's error pages: status to location. */
    static final Map<Integer, String> ERROR_PAGES = Map.of(403, "/probe/error-page", 404, "/probe/error-page");

    /** The error page for any exception. */
    static final String EXCEPTION_PAGE = "/probe/error-page";

    /**
     * Starts the container on a free loopback port with a {@link DispatchReturnedFilter} and then
     * the session filter mapped to {@code /*} (async supported) for {@link #SESSION_FILTER_DISPATCHES},
     * the servlet at {@code /probe/*}, and {@link #ERROR_PAGES} and {@link #EXCEPTION_PAGE}.
     */
    protected abstract RunningServer start(ServerSetup setup) throws Exception;

    @TempDir
    Path storeDir;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CookieClient client = new CookieClient();
    private SwitchableBackend store;
    private SessionManager manager;
    private RunningServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = startWithManager();
    }

    @AfterEach
    void stopServer() {
        server.close();
        manager.close();
    }

    /**
     * Starts the server with a new manager over a durable store: H2 in a file under the test's
     * directory, opened anew each time, as a restarted process would.
     */
    private RunningServer startWithManager() throws Exception {
        SessionConfig config = SessionConfig.builder()
                .put("SESSION_JDBC_URL", "jdbc:h2:file:" + storeDir.resolve("sessions").toAbsolutePath())
                .build();
        store = new SwitchableBackend(new JdbcSessionInterfaceProvider().create(BackendContext.validate(new JdbcSessionInterfaceProvider(), config, Clock.systemUTC())));
        manager = SessionManager.builder(config).backend("switchable-jdbc", store).build();
        SessionFilter filter = new SessionFilter(manager)
                .addListener(new ThrowingListener())
                .addListener(new RecordingListener(events));
        return start(new ServerSetup(filter, Map.of(), Map.of(), new ProbeServlet()));
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.get(server.port(), pathAndQuery);
    }

    @Nested
    class Attributes {

        @Test
        void persistAcrossRequests() throws Exception {
            HttpResponse<String> set = get("/probe/set?name=color&value=blue");
            assertThat(CookieClient.setCookies(set)).singleElement().asString().startsWith("session=").contains("HttpOnly");

            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
            assertThat(get("/probe/info").body()).isEqualTo("requested=true valid=true new=false");
        }

        @Test
        void persistAcrossAServerRestartWithADurableStore() throws Exception {
            get("/probe/set?name=color&value=blue");
            server.close();
            manager.close();

            server = startWithManager();

            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }

        @Test
        void removeAttributeIsStored() throws Exception {
            get("/probe/set?name=color&value=blue");
            get("/probe/remove?name=color");

            assertThat(get("/probe/get?name=color").body()).isEqualTo("null");
        }

        @Test
        void aRequestWithoutSessionUseGetsNoCookieAndCostsNoStoreCall() throws Exception {
            HttpResponse<String> response = get("/probe/get?name=color");

            assertThat(response.body()).isEqualTo("no session");
            assertThat(CookieClient.setCookies(response)).isEmpty();
            assertThat(manager.stats().loads()).isZero();
        }

        @Test
        void anUnknownOrMalformedCookieIsNeitherEchoedNorAdopted() throws Exception {
            client.sessionCookie("<script>");
            assertThat(get("/probe/info").body()).isEqualTo("requested=false valid=false new=none");

            client.sessionCookie("A".repeat(43));
            assertThat(get("/probe/info").body()).isEqualTo("requested=false valid=false new=none");
            get("/probe/set?name=color&value=blue");
            assertThat(client.sessionCookie()).isNotEqualTo("A".repeat(43));
        }

        @Test
        void theSessionFacadeSharesTheData() throws Exception {
            assertThat(get("/probe/facade").body()).isEqualTo("counter=1");
            assertThat(get("/probe/facade").body()).isEqualTo("counter=2");
            assertThat(get("/probe/get?name=counter").body()).isEqualTo("2");
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void changeSessionIdKillsTheOldId() throws Exception {
            get("/probe/set?name=color&value=blue");
            String oldId = client.sessionCookie();

            assertThat(get("/probe/change-id").body()).isEqualTo("changed");
            String newId = client.sessionCookie();
            assertThat(newId).isNotEqualTo(oldId);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");

            client.sessionCookie(oldId);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("no session");
        }

        @Test
        void invalidateEndsTheSession() throws Exception {
            get("/probe/set?name=color&value=blue");
            String id = client.sessionCookie();

            HttpResponse<String> response = get("/probe/invalidate");
            assertThat(response.body()).isEqualTo("invalidated, now none");
            assertThat(CookieClient.setCookies(response)).singleElement().asString().contains("Max-Age=0");

            client.sessionCookie(id);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("no session");
        }

        @Test
        void listenersHearWhatTheSpecSaysAndAThrowingOneStopsNothing() throws Exception {
            get("/probe/set?name=color&value=blue");
            get("/probe/set?name=color&value=red");
            get("/probe/change-id");
            get("/probe/invalidate");

            assertThat(events).containsExactly(
                    "created new=true", "added color=blue",
                    "replaced color=blue",
                    "id changed true",
                    "destroyed color=red", "removed color=red");
            assertThat(get("/probe/get?name=color").body()).isEqualTo("no session");
        }
    }

    @Nested
    class CookieBeforeCommit {

        @Test
        void aResponseFlushedEarlyCarriesTheCookie() throws Exception {
            HttpResponse<String> response = get("/probe/flush-early?name=color&value=blue");

            assertThat(response.body()).isEqualTo("first part; committed=true");
            assertThat(CookieClient.setCookies(response)).hasSize(1);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }

        @Test
        void aResponseLargerThanItsBufferCarriesTheCookie() throws Exception {
            HttpResponse<String> response = get("/probe/overflow?name=color&value=blue");

            assertThat(response.body()).startsWith("0123456789").hasSizeGreaterThan(8192);
            assertThat(CookieClient.setCookies(response)).hasSize(1);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }

        @Test
        void aResponseThatFillsItsContentLengthCarriesTheCookie() throws Exception {
            HttpResponse<String> response = get("/probe/content-length?name=color&value=blue");

            assertThat(response.body()).isEqualTo("hello");
            assertThat(CookieClient.setCookies(response)).hasSize(1);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }

        @Test
        void aRedirectCarriesTheCookie() throws Exception {
            HttpResponse<String> response = get("/probe/redirect?name=color&value=blue");

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).get().asString().endsWith("/probe/get?name=color");
            assertThat(CookieClient.setCookies(response)).hasSize(1);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }

        @Test
        void removingAnAbsentAttributeAfterTheSaveChangesNothingAndIsAllowed() throws Exception {
            HttpResponse<String> response = get("/probe/redirect-then-remove?name=color&value=blue");

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(CookieClient.setCookies(response)).hasSize(1);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }

        @Test
        void anErrorCarriesTheCookie() throws Exception {
            HttpResponse<String> response = get("/probe/error?name=color&value=blue");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(CookieClient.setCookies(response)).filteredOn(c -> c.startsWith("session=")).hasSize(1);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }

        @Test
        void anAsyncResponseCarriesTheCookie() throws Exception {
            HttpResponse<String> response = get("/probe/async?name=color&value=blue");

            assertThat(response.body()).isEqualTo("async done");
            assertThat(CookieClient.setCookies(response)).hasSize(1);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }

        @Test
        void asyncOutputWrittenAfterTheFirstDispatchReturnedGoesOutAndLateChangesAreRefused() throws Exception {
            HttpResponse<String> response = get("/probe/async-after-dispatch?name=color&value=blue");

            assertThat(response.body()).isEqualTo("async late change refused");
            assertThat(CookieClient.setCookies(response)).hasSize(1);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }

        @Test
        void aChangeAfterTheSessionWasSavedIsRefusedLoudly() throws Exception {
            HttpResponse<String> response = get("/probe/late-change?name=color&value=blue");

            assertThat(response.body()).isEqualTo("flushed; late change refused: The session of this request was "
                    + "already saved (the response was committed, or an async request's first dispatch returned), "
                    + "so this change could not be stored: change the session before writing the response");
            assertThat(get("/probe/get?name=late").body()).isEqualTo("null");
        }
    }

    @Nested
    class LaterDispatches {

        @Test
        void aNotFoundPageSeesAndChangesTheSession() throws Exception {
            get("/probe/set?name=color&value=blue");
            String id = client.sessionCookie();

            HttpResponse<String> response = get("/probe/missing");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("error page ERROR 404 color=blue link=/probe/next redirect=/probe/login");
            assertNoContainerSession(response);
            assertSessionHeaders(response);
            assertThat(client.sessionCookie()).isEqualTo(id);
            assertThat(get("/probe/get?name=error-page").body()).isEqualTo("404");
        }

        @Test
        void aForbiddenPageSeesWhatTheRequestChangedBeforeSendErrorAndChangesItToo() throws Exception {
            HttpResponse<String> response = get("/probe/error?name=color&value=blue");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("error page ERROR 403 color=blue link=/probe/next redirect=/probe/login");
            assertNoContainerSession(response);
            assertThat(sessionCookies(response)).as("one session cookie").hasSize(1);
            assertSessionHeaders(response);
            assertThat(CookieClient.setCookies(response)).as("the application's own cookies stay")
                    .anyMatch(c -> c.startsWith("theme=dark")).anyMatch(c -> c.startsWith("seen-error=403"));
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
            assertThat(get("/probe/get?name=error-page").body()).isEqualTo("403");
        }

        @Test
        void anErrorPageThatLeavesTheSessionAloneKeepsTheHeadersOfTheRequestsCommit() throws Exception {
            HttpResponse<String> response = get("/probe/error?name=color&value=blue&quiet=yes");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("error page ERROR 403 quiet");
            assertThat(sessionCookies(response)).as("one session cookie").hasSize(1);
            assertSessionHeaders(response);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }

        @Test
        void anErrorPageThatChangesTheIdSendsOnlyTheNewCookie() throws Exception {
            HttpResponse<String> first = get("/probe/set?name=color&value=blue");
            String before = client.sessionCookie();

            HttpResponse<String> response = get("/probe/error?name=color&value=red&regenerate=yes");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(sessionCookies(response)).as("one session cookie: the error page's").singleElement()
                    .asString().startsWith("session=" + client.sessionCookie() + ";");
            assertThat(client.sessionCookie()).isNotEqualTo(before);
            assertThat(CookieClient.setCookies(response)).as("the application's own cookies stay")
                    .anyMatch(c -> c.startsWith("theme=dark")).anyMatch(c -> c.startsWith("seen-error=403"));
            assertSessionHeaders(response);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("red");
            assertThat(get("/probe/get?name=error-page").body()).isEqualTo("403");
            client.sessionCookie(before);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("no session");
            assertThat(CookieClient.setCookies(first)).hasSize(1);
        }

        @Test
        void anExceptionPageSeesAndChangesTheSession() throws Exception {
            HttpResponse<String> response = get("/probe/throw?name=color&value=blue");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("error page ERROR 500 color=blue link=/probe/next redirect=/probe/login");
            assertNoContainerSession(response);
            assertThat(sessionCookies(response)).as("one session cookie").hasSize(1);
            assertSessionHeaders(response);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
            assertThat(get("/probe/get?name=error-page").body()).isEqualTo("500");
        }

        @Test
        void anErrorPageCreatesTheSessionOfAClientThatHadNone() throws Exception {
            HttpResponse<String> response = get("/probe/missing?save=yes");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("error page ERROR 404 color=null link=/probe/next redirect=/probe/login");
            assertNoContainerSession(response);
            assertThat(sessionCookies(response)).as("one session cookie").hasSize(1);
            assertThat(CookieClient.setCookies(response)).as("the page's own cookie stays").anyMatch(c -> c.startsWith("seen-error=404"));
            assertSessionHeaders(response);
            assertThat(get("/probe/get?name=error-page").body()).isEqualTo("404");
        }

        @Test
        void anErrorPageOfARegeneratedSessionUsesTheNewId() throws Exception {
            get("/probe/set?name=color&value=blue");
            String oldId = client.sessionCookie();

            HttpResponse<String> response = get("/probe/change-id-then-error");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("error page ERROR 403 color=blue link=/probe/next redirect=/probe/login");
            assertThat(sessionCookies(response)).as("one session cookie").hasSize(1);
            assertSessionHeaders(response);
            assertThat(client.sessionCookie()).isNotEqualTo(oldId);
            assertThat(get("/probe/get?name=error-page").body()).isEqualTo("403");
            client.sessionCookie(oldId);
            assertThat(get("/probe/get?name=color").body()).isEqualTo("no session");
        }

        @Test
        void anAsyncDispatchSeesAndChangesTheSession() throws Exception {
            HttpResponse<String> response = get("/probe/async-dispatch?name=color&value=blue");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ASYNC color=blue link=/probe/next");
            assertNoContainerSession(response);
            assertThat(sessionCookies(response)).as("one session cookie").hasSize(1);
            assertSessionHeaders(response);
            assertThat(get("/probe/get?name=dispatched").body()).isEqualTo("ASYNC");
        }

        @Test
        void anAsyncDispatchAfterTheResponseWasCommittedReadsTheSessionButCannotChangeIt() throws Exception {
            HttpResponse<String> response = get("/probe/async-flush-dispatch?name=color&value=blue");

            assertThat(response.body()).isEqualTo("flushed; ASYNC color=blue change refused");
            assertThat(sessionCookies(response)).as("one session cookie").hasSize(1);
            assertNoContainerSession(response);
            assertThat(get("/probe/get?name=dispatched").body()).isEqualTo("null");
        }

        private static List<String> sessionCookies(HttpResponse<String> response) {
            return CookieClient.setCookies(response).stream().filter(c -> c.startsWith("session=")).toList();
        }

        /**
         * What the session's commit sent survives the container's reset before the error page
         * (Jetty drops {@code Cache-Control} and {@code Vary} there).
         */
        private static void assertSessionHeaders(HttpResponse<String> response) {
            assertThat(response.headers().allValues("Cache-Control")).contains("private");
            assertThat(response.headers().allValues("Vary")).contains("Cookie");
        }

        private static void assertNoContainerSession(HttpResponse<String> response) {
            assertThat(CookieClient.setCookies(response)).noneMatch(c -> c.toUpperCase(java.util.Locale.ROOT).startsWith("JSESSIONID"));
            assertThat(response.body()).doesNotContainIgnoringCase("jsessionid");
            assertThat(response.headers().allValues("Location")).noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("jsessionid"));
        }
    }

    @Nested
    class StoreDown {

        @Test
        void loadingGivesA503WithoutSetCookie() throws Exception {
            get("/probe/set?name=color&value=blue");
            store.down(true);

            HttpResponse<String> response = get("/probe/get?name=color");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("503 Service Unavailable: the session store failed; try again shortly.\n");
            assertThat(CookieClient.setCookies(response)).isEmpty();
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
        }

        @Test
        void savingANewSessionGivesA503WithoutSetCookie() throws Exception {
            store.down(true);

            HttpResponse<String> response = get("/probe/set?name=color&value=blue");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(CookieClient.setCookies(response)).isEmpty();
        }

        @Test
        void savingAtAnEarlyFlushGivesA503WithoutSetCookie() throws Exception {
            get("/probe/set?name=color&value=blue");
            store.down(true);

            HttpResponse<String> response = get("/probe/flush-early?name=color&value=red");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).doesNotContain("first part");
            assertThat(CookieClient.setCookies(response)).isEmpty();
        }

        @Test
        void aFailureTheApplicationWrappedStillGivesA503() throws Exception {
            get("/probe/set?name=color&value=blue");
            store.down(true);

            HttpResponse<String> response = get("/probe/wrapped-failure");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(CookieClient.setCookies(response)).isEmpty();
        }

        @Test
        void theSessionIsThereAgainWhenTheStoreIsBack() throws Exception {
            get("/probe/set?name=color&value=blue");
            store.down(true);
            get("/probe/get?name=color");
            store.down(false);

            assertThat(get("/probe/get?name=color").body()).isEqualTo("blue");
        }
    }

    @Nested
    class OverTheMaxSize {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/probe/set", "/probe/flush-early", "/probe/content-length", "/probe/error", "/probe/redirect"})
        void aSessionTooLargeToStoreAnswers413WithTheMessageAndTheStoredSessionStaysAsItWas(String path) throws Exception {
            SessionConfig config = SessionConfig.builder().put("SESSION_TYPE", "memory").put("SESSION_MAX_SIZE", "1KB").build();
            try (SessionManager small = SessionManager.create(config);
                    RunningServer tiny = start(new ServerSetup(new SessionFilter(small), Map.of(), Map.of(), new ProbeServlet()))) {
                CookieClient smallClient = new CookieClient();
                smallClient.get(tiny.port(), "/probe/set?name=color&value=blue");
                String id = smallClient.sessionCookie();
                byte[] stored = small.backend().load(small.storeKey(id)).orElseThrow().data();

                HttpResponse<String> response = smallClient.get(tiny.port(), path + "?name=note&value=" + "x".repeat(2000));

                assertThat(response.statusCode()).isEqualTo(413);
                assertThat(response.body()).matches("the session is \\d+ bytes encoded, over SESSION_MAX_SIZE=1024;"
                        + " store less in the session or raise SESSION_MAX_SIZE\n");
                assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
                assertThat(CookieClient.setCookies(response)).isEmpty();
                assertThat(small.backend().load(small.storeKey(id)).orElseThrow().data())
                        .as("the stored session is unchanged").isEqualTo(stored);
                assertThat(smallClient.sessionCookie()).isEqualTo(id);
                assertThat(smallClient.get(tiny.port(), "/probe/get?name=color").body()).isEqualTo("blue");
                assertThat(smallClient.get(tiny.port(), "/probe/get?name=note").body()).isEqualTo("null");
            }
        }
    }

    @Nested
    class IdHeaderMode {

        @Test
        void anErrorPageThatChangesTheIdSendsOneIdHeaderWithTheNewId() throws Exception {
            SessionConfig config = SessionConfig.builder().put("SESSION_TYPE", "memory").put("SESSION_ID_HEADER", "X-Session-Id").build();
            try (SessionManager headers = SessionManager.create(config);
                    RunningServer api = start(new ServerSetup(new SessionFilter(headers), Map.of(), Map.of(), new ProbeServlet()))) {
                HttpClient http = HttpClient.newHttpClient();
                URI base = URI.create("http://127.0.0.1:" + api.port());
                HttpResponse<String> first = http.send(HttpRequest.newBuilder(base.resolve("/probe/set?name=color&value=blue")).build(),
                        HttpResponse.BodyHandlers.ofString());
                String before = first.headers().firstValue("X-Session-Id").orElseThrow();

                HttpResponse<String> error = http.send(HttpRequest.newBuilder(base.resolve("/probe/error?name=color&value=red&regenerate=yes"))
                        .header("X-Session-Id", before).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(error.statusCode()).isEqualTo(403);
                List<String> ids = error.headers().allValues("X-Session-Id");
                assertThat(ids).singleElement().isNotEqualTo(before);
                assertThat(CookieClient.setCookies(error)).filteredOn(c -> c.startsWith("session=")).singleElement()
                        .asString().startsWith("session=" + ids.get(0) + ";");
                HttpResponse<String> after = http.send(HttpRequest.newBuilder(base.resolve("/probe/get?name=error-page"))
                        .header("X-Session-Id", ids.get(0)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(after.body()).isEqualTo("403");
            }
        }
    }

    @Nested
    class MaxInactiveInterval {

        private final MutableClock clock = new MutableClock(Instant.parse("2026-12-08T00:00:00Z"));
        private SessionManager timed;
        private RunningServer timedServer;

        @BeforeEach
        void startTimedServer() throws Exception {
            SessionConfig config = SessionConfig.builder().put("PERMANENT_SESSION_LIFETIME", "2h").build();
            timed = SessionManager.builder(config).clock(clock).backend("memory", new MemorySessionInterface(clock)).build();
            timedServer = start(new ServerSetup(new SessionFilter(timed), Map.of(), Map.of(), new ProbeServlet()));
        }

        @AfterEach
        void stopTimedServer() {
            timedServer.close();
            timed.close();
        }

        private HttpResponse<String> timedGet(CookieClient who, String pathAndQuery) throws Exception {
            return who.get(timedServer.port(), pathAndQuery);
        }

        @Test
        void isPermanentSessionLifetimeUntilASessionSetsItsOwnWhichItKeeps() throws Exception {
            CookieClient one = new CookieClient();
            CookieClient other = new CookieClient();
            timedGet(one, "/probe/set?name=color&value=blue");
            timedGet(other, "/probe/set?name=color&value=red");
            assertThat(timedGet(one, "/probe/max-inactive").body()).isEqualTo("7200");

            HttpResponse<String> set = timedGet(one, "/probe/max-inactive?seconds=600");

            assertThat(set.body()).isEqualTo("600");
            assertThat(CookieClient.setCookies(set)).singleElement().asString().contains("Max-Age=600;");
            assertThat(timedGet(one, "/probe/max-inactive").body()).as("kept in the record").isEqualTo("600");
            assertThat(timedGet(other, "/probe/max-inactive").body()).as("per session").isEqualTo("7200");
        }

        @Test
        void aSessionEndsWhenItsOwnTimeoutHasPassedAndOthersGoOn() throws Exception {
            CookieClient shortLived = new CookieClient();
            CookieClient global = new CookieClient();
            timedGet(shortLived, "/probe/set?name=color&value=blue");
            timedGet(shortLived, "/probe/max-inactive?seconds=600");
            timedGet(global, "/probe/set?name=color&value=red");

            clock.advance(Duration.ofSeconds(601));

            assertThat(timedGet(shortLived, "/probe/get?name=color").body()).isEqualTo("no session");
            assertThat(timedGet(global, "/probe/get?name=color").body()).isEqualTo("red");
        }

        @Test
        void zeroOrNegativeIsNeverAsFarAsSession4jGoes() throws Exception {
            CookieClient forever = new CookieClient();
            timedGet(forever, "/probe/set?name=color&value=blue");

            assertThat(timedGet(forever, "/probe/max-inactive?seconds=0").body()).isEqualTo("-1");
            clock.advance(Duration.ofDays(400));

            assertThat(timedGet(forever, "/probe/get?name=color").body()).isEqualTo("blue");
            assertThat(timedGet(forever, "/probe/max-inactive?seconds=-1").body()).isEqualTo("-1");
            assertThat(timedGet(forever, "/probe/max-inactive?seconds=60").body()).isEqualTo("60");
        }
    }

    @Nested
    class DeclaredInWebXml {

        @Test
        void theFilterMakesItsManagerFromInitParamsAndListenerClassNames() throws Exception {
            RecordingListener.BY_CLASS_NAME.clear();
            List<String> fromContext = new CopyOnWriteArrayList<>();
            try (RunningServer declared = start(new ServerSetup(null,
                    Map.of("SESSION_TYPE", "memory", "session.cookie.name", "session",
                            SessionFilter.LISTENERS_PARAM, RecordingListener.class.getName()),
                    Map.of(SessionFilter.LISTENERS_ATTRIBUTE, List.of(new RecordingListener(fromContext))),
                    new ProbeServlet()))) {
                CookieClient declaredClient = new CookieClient();
                declaredClient.get(declared.port(), "/probe/set?name=color&value=blue");

                assertThat(declaredClient.get(declared.port(), "/probe/get?name=color").body()).isEqualTo("blue");
                assertThat(RecordingListener.BY_CLASS_NAME).containsExactly("created new=true", "added color=blue");
                assertThat(fromContext).containsExactly("created new=true", "added color=blue");
            }
        }
    }
}
