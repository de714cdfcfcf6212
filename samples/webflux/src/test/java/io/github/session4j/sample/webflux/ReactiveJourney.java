package io.github.session4j.sample.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.SessionManager;
import io.github.session4j.async.AsyncSessions;
import io.github.session4j.webflux.Session4jWebSessionManager;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The sample as a user meets it, on one store: Spring Security reactive's form login changes the
 * session ID, the signed-in session and its values survive a restart of the application, and
 * signing out ends it; the sign-in is session4j's ({@code signIn}: the principal recorded and indexed,
 * another user starts empty, "sign out everywhere else" ends the other browser's session at once,
 * sign-out takes it out of the index). Two application contexts per store (before and after the restart).
 */
abstract class ReactiveJourney {

    static final String COOKIE = "session";

    abstract String profile();

    abstract Map<String, String> storeArguments();

    private ConfigurableApplicationContext start() {
        // as command-line arguments, which win over the profile's file
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.profiles.active=" + profile()));
        storeArguments().forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(WebFluxSampleApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void signInChangesTheIdTheSessionSurvivesARestartAndSignOutEndsIt() {
        Browser browser;
        String signedIn;
        String beforeSignIn;
        try (ConfigurableApplicationContext first = start()) {
            assertThat(first.getBean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME))
                    .isInstanceOf(Session4jWebSessionManager.class);
            SessionManager manager = first.getBean(SessionManager.class);
            browser = new Browser(port(first));

            long loads = manager.stats().loads();
            HttpResponse<String> health = browser.get("/health");
            assertThat(health.body()).isEqualTo("ok");
            assertThat(health.headers().allValues("Set-Cookie")).as("a request that never uses its session").isEmpty();
            assertThat(manager.stats().loads()).isEqualTo(loads);

            HttpResponse<String> home = browser.get("/");
            assertThat(home.statusCode()).isEqualTo(302);
            assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
            beforeSignIn = browser.cookie(COOKIE);
            assertThat(beforeSignIn).as("the saved request is kept in a session").isNotNull();

            HttpResponse<String> signIn = browser.signIn(SecurityConfiguration.USER, SecurityConfiguration.PASSWORD);
            assertThat(signIn.statusCode()).isEqualTo(302);
            assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
            signedIn = browser.cookie(COOKIE);
            assertThat(signedIn).as("signing in changes the session ID").isNotNull().isNotEqualTo(beforeSignIn);
            assertThat(browser.get("/").body()).isEqualTo("hello " + SecurityConfiguration.USER);
            assertThat(browser.postWithCsrf("/visits").body()).isEqualTo("1");
            assertThat(browser.cookies()).containsOnlyKeys(COOKIE);

            Browser attacker = new Browser(port(first));
            attacker.cookie(COOKIE, beforeSignIn);
            assertThat(attacker.get("/").statusCode()).as("the ID from before the sign-in is dead").isEqualTo(302);

            // the sign-in is session4j's: the principal is recorded and the session indexed under it
            String[] me = browser.get("/me").body().split(" ");
            assertThat(me[0]).isEqualTo(SecurityConfiguration.USER);
            assertThat(me[1]).as("the session's handle").isNotEqualTo("-");
            assertThat(manager.sessionsOf(SecurityConfiguration.USER).sessions()).singleElement()
                    .satisfies(info -> assertThat(info.handle()).isEqualTo(me[1]));

            // a second browser of the same user; "sign out everywhere else" from the first ends it at once
            Browser phone = new Browser(port(first));
            assertThat(phone.signIn(SecurityConfiguration.USER, SecurityConfiguration.PASSWORD).statusCode()).isEqualTo(302);
            assertThat(phone.get("/").body()).isEqualTo("hello " + SecurityConfiguration.USER);
            assertThat(manager.sessionsOf(SecurityConfiguration.USER).sessions()).hasSize(2);
            assertThat(browser.postWithCsrf("/sessions/revoke-others").body()).isEqualTo("1");
            assertThat(phone.get("/").statusCode()).as("the other browser's session ended at once").isEqualTo(302);
            assertThat(manager.sessionsOf(SecurityConfiguration.USER).sessions()).singleElement()
                    .satisfies(info -> assertThat(info.handle()).isEqualTo(me[1]));

            // an API client with HTTP Basic gets no session and signs nobody in, as with Spring Security's default
            HttpResponse<String> api = Browser.basic(port(first), "/", SecurityConfiguration.OTHER_USER,
                    SecurityConfiguration.OTHER_PASSWORD);
            assertThat(api.body()).isEqualTo("hello " + SecurityConfiguration.OTHER_USER);
            assertThat(api.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(manager.sessionsOf(SecurityConfiguration.OTHER_USER).sessions()).isEmpty();

            // signing in as another user on a session of the first starts empty
            Browser shared = new Browser(port(first));
            shared.signIn(SecurityConfiguration.USER, SecurityConfiguration.PASSWORD);
            assertThat(shared.postWithCsrf("/visits").body()).isEqualTo("1");
            String ada = shared.cookie(COOKIE);
            HttpResponse<String> other = shared.signIn(SecurityConfiguration.OTHER_USER, SecurityConfiguration.OTHER_PASSWORD);
            assertThat(other.statusCode()).isEqualTo(302);
            assertThat(shared.cookie(COOKIE)).isNotEqualTo(ada);
            assertThat(shared.get("/").body()).isEqualTo("hello " + SecurityConfiguration.OTHER_USER);
            assertThat(shared.get("/visits").body()).as("another user's data is not kept").isEqualTo("0");
            assertThat(shared.get("/me").body()).startsWith(SecurityConfiguration.OTHER_USER + " ");
            assertThat(manager.sessionsOf(SecurityConfiguration.OTHER_USER).sessions()).hasSize(1);
            assertThat(manager.sessionsOf(SecurityConfiguration.USER).sessions()).as("ada's session moved to grace")
                    .singleElement().satisfies(info -> assertThat(info.handle()).isEqualTo(me[1]));
            assertThat(first.getBean(AsyncSessions.class).rejected()).isZero();
        }
        try (ConfigurableApplicationContext second = start()) {
            browser.port(port(second));
            assertThat(browser.get("/").body()).isEqualTo("hello " + SecurityConfiguration.USER);
            assertThat(browser.get("/visits").body()).isEqualTo("1");
            assertThat(browser.postWithCsrf("/visits").body()).isEqualTo("2");
            assertThat(browser.cookie(COOKIE)).isEqualTo(signedIn);
            SessionManager manager = second.getBean(SessionManager.class);
            assertThat(manager.sessionsOf(SecurityConfiguration.USER).sessions()).hasSize(1);

            HttpResponse<String> signOut = browser.postWithCsrf("/logout");
            assertThat(signOut.statusCode()).isEqualTo(302);
            assertThat(signOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
            assertThat(browser.cookie(COOKIE)).isNotEqualTo(signedIn);
            browser.cookie(COOKIE, signedIn);
            assertThat(browser.get("/").statusCode()).as("the signed-out session is gone").isEqualTo(302);
            assertThat(manager.sessionsOf(SecurityConfiguration.USER).sessions()).as("sign-out leaves the index").isEmpty();
        }
    }
}
