package io.github.session4j.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.session4j.RequestHeaders;
import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionContext;
import io.github.session4j.SessionManager;
import io.github.session4j.servers.TestServers;
import io.github.session4j.spi.PrincipalIndex;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Memcached cannot keep the principal index (issue 20): it has no way to list keys, nor to change
 * two items in one command. {@code SESSION_PRINCIPAL_INDEX=true} therefore stops start-up, naming
 * the backends that can; unset, signing in works and records the principal, and only listing or
 * ending a user's sessions is refused.
 */
class MemcachedPrincipalIndexRefusalTest {

    private static SessionConfig.Builder config() {
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        return SessionConfig.builder().put("SESSION_TYPE", "memcached")
                .put("SESSION_MEMCACHED", TestServers.memcached().address())
                .put("SESSION_KEY_PREFIX", "refusal" + HexFormat.of().formatHex(random) + ":");
    }

    @Test
    void theProviderDoesNotClaimTheIndex() {
        assertThat(new MemcachedSessionInterfaceProvider().capabilities()).doesNotContain(PrincipalIndex.class);
    }

    @Test
    void requiringTheIndexStopsStartUpAndNamesTheBackendsThatCanKeepIt() {
        assertThatThrownBy(() -> SessionManager.create(config().put("SESSION_PRINCIPAL_INDEX", "true").build()).close())
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("Invalid session4j configuration (1 problem):\n  - SESSION_PRINCIPAL_INDEX was 'true' but the memcached"
                        + " backend in use cannot keep an index of sessions by user: it has no PrincipalIndex. Backends on"
                        + " the classpath that have it: memory; set SESSION_TYPE to one of them, or unset"
                        + " SESSION_PRINCIPAL_INDEX.");
    }

    @Test
    void unsetSignInRecordsThePrincipalAndListingIsRefusedClearly() {
        try (SessionManager manager = SessionManager.create(config().build())) {
            assertThat(manager.indexesPrincipals()).isFalse();
            SessionContext signIn = manager.begin(RequestHeaders.none());
            signIn.session().put("cart", "apples");
            signIn.signIn("alice");
            signIn.commit();
            String id = signIn.sessionId();

            SessionContext next = manager.begin(RequestHeaders.cookie("session=" + id));
            assertThat(next.principal()).contains("alice");
            assertThat(next.signedInAt()).isPresent();
            assertThat(next.session().get("cart")).isEqualTo("apples");
            next.commit();

            assertThatThrownBy(() -> manager.sessionsOf("alice"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageEndingWith(" needs the principal index, but this manager keeps none: the memcached backend"
                            + " keeps no index of sessions by user (it has no PrincipalIndex). Backends on the classpath"
                            + " that keep it: memory; set SESSION_TYPE to one of them.")
                    .hasMessageNotContaining("alice");
            assertThatThrownBy(() -> manager.endSessions("alice")).isInstanceOf(IllegalStateException.class);
        }
    }
}
