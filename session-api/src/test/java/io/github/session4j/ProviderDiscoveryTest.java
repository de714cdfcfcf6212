package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.session4j.config.LogCapture;
import io.github.session4j.config.TestClasspath;
import io.github.session4j.config.testproviders.AlphaProvider;
import io.github.session4j.config.testproviders.AlphaTwinProvider;
import io.github.session4j.config.testproviders.BetaProvider;
import io.github.session4j.config.testproviders.ThrowingProvider;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

class ProviderDiscoveryTest {

    private static final String ALPHA = AlphaProvider.class.getName();
    private static final String TWIN = AlphaTwinProvider.class.getName();
    private static final String BETA = BetaProvider.class.getName();
    private static final String THROWING = ThrowingProvider.class.getName();
    private static final String THROWING_FAILURE = "io.github.session4j.spi.SessionInterfaceProvider: Provider "
            + THROWING + " could not be instantiated; caused by java.lang.IllegalStateException: "
            + ThrowingProvider.FAILURE;

    // first-party data of the tests' own (the real data is checked against the BOM in FirstPartyBackendsTest)
    private static final FirstPartyBackends KNOWN = FirstPartyBackends.of(Map.of(
            "alpha", "com.example:session-alpha", "mongodb", "io.github.session4j:session-mongo"));

    @TempDir
    Path dir;

    private ClassLoader classpath(String... providers) {
        return TestClasspath.in(dir).services(providers).loader();
    }

    private static SessionConfig type(String type) {
        return SessionConfig.builder().put("SESSION_TYPE", type).build();
    }

    @Test
    void selectsTheOneAskedFor() {
        SessionInterfaceProvider selected = ProviderDiscovery.select(type("beta"), classpath(ALPHA, BETA));
        assertThat(selected).isInstanceOf(BetaProvider.class);
    }

    @Test
    void theTypeIsTrimmedAndLowerCased() {
        SessionInterfaceProvider selected = ProviderDiscovery.select(type("  Alpha "), classpath(ALPHA, BETA));
        assertThat(selected).isInstanceOf(AlphaProvider.class);
    }

    @Test
    void unsetTypeListsTheBackendsFound() {
        ClassLoader loader = classpath(BETA, ALPHA);
        assertThatThrownBy(() -> ProviderDiscovery.select(SessionConfig.builder().build(), loader,
                FirstPartyBackends.NONE))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_TYPE is not set. Set it to one of the backends found on the classpath:"
                        + " [alpha, beta] (in session.properties, the environment or a system property).");
    }

    @Test
    void unsetTypeAlsoNamesTheFirstPartyBackendsNotFound() {
        ClassLoader loader = classpath(BETA, ALPHA);
        assertThatThrownBy(() -> ProviderDiscovery.select(SessionConfig.builder().build(), loader, KNOWN))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_TYPE is not set. Set it to one of the backends found on the classpath:"
                        + " [alpha, beta] (in session.properties, the environment or a system property)."
                        + " The other first-party backends need their artifact: mongodb"
                        + " (io.github.session4j:session-mongo).");
    }

    @Test
    void unsetTypeWithNoBackendNamesTheArtifactsToAdd() {
        ClassLoader loader = TestClasspath.in(dir).loader();
        assertThatThrownBy(() -> ProviderDiscovery.select(SessionConfig.builder().build(), loader, KNOWN))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_TYPE is not set and no session backend was found on the classpath. Add a"
                        + " backend's artifact and set SESSION_TYPE to its name (in session.properties, the"
                        + " environment or a system property); the first-party backends are alpha"
                        + " (com.example:session-alpha) and mongodb (io.github.session4j:session-mongo). If the"
                        + " application is a shaded (fat) jar, merge the META-INF/services files.");
    }

    @Test
    void unsetTypeWithNoBackendAndNoFirstPartyData() {
        ClassLoader loader = TestClasspath.in(dir).loader();
        assertThatThrownBy(() -> ProviderDiscovery.select(SessionConfig.builder().build(), loader,
                FirstPartyBackends.NONE))
                .hasMessage("SESSION_TYPE is not set and no session backend was found on the classpath. Add a"
                        + " backend's artifact and set SESSION_TYPE to its name (in session.properties, the"
                        + " environment or a system property). If the application is a shaded (fat) jar, merge"
                        + " the META-INF/services files.");
    }

    @Test
    void unsetTypeWithNoBackendNamesEveryFirstPartyBackendOfTheBom() {
        ClassLoader loader = TestClasspath.in(dir).loader();
        String message = catchThrowable(
                () -> ProviderDiscovery.select(SessionConfig.builder().build(), loader)).getMessage();
        FirstPartyBackends.load().artifacts().forEach((name, artifact) ->
                assertThat(message).contains(name + " (" + artifact + ")"));
        assertThat(message).contains("mongodb (io.github.session4j:session-mongo)");
    }

    @Test
    void unknownNameSaysWhatWasFoundAndThatNoFirstPartyBackendHasIt() {
        ClassLoader loader = classpath(ALPHA);
        assertThatThrownBy(() -> ProviderDiscovery.select(type("x"), loader, KNOWN))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_TYPE was 'x' but no backend named 'x' is on the classpath. Found: [alpha]."
                        + " No first-party backend is named 'x' (they are alpha and mongodb): add the artifact of"
                        + " the backend named 'x' if there is one, or set SESSION_TYPE to one of the names found.");
    }

    @Test
    void aFirstPartyNameNotOnTheClasspathNamesItsArtifact() {
        ClassLoader loader = classpath(ALPHA);
        assertThatThrownBy(() -> ProviderDiscovery.select(type("mongodb"), loader, KNOWN))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_TYPE was 'mongodb' but no backend named 'mongodb' is on the classpath."
                        + " Found: [alpha]. Add the artifact io.github.session4j:session-mongo, which provides the"
                        + " 'mongodb' backend.");
    }

    @Test
    void theRealDataSendsMongodbToSessionMongo() {
        ClassLoader loader = TestClasspath.in(dir).loader();
        assertThatThrownBy(() -> ProviderDiscovery.select(type("MongoDB"), loader))
                .hasMessage("SESSION_TYPE was 'mongodb' but no backend named 'mongodb' is on the classpath."
                        + " Found: []. Add the artifact io.github.session4j:session-mongo, which provides the"
                        + " 'mongodb' backend.");
    }

    @Test
    void theArtifactNameIsNotTheBackendName() {
        ClassLoader loader = classpath(ALPHA);
        assertThatThrownBy(() -> ProviderDiscovery.select(type("mongo"), loader, KNOWN))
                .hasMessage("SESSION_TYPE was 'mongo' but no backend named 'mongo' is on the classpath. Found:"
                        + " [alpha]. Did you mean 'mongodb'? No first-party backend is named 'mongo' (they are"
                        + " alpha and mongodb): add the artifact of the backend named 'mongo' if there is one, or"
                        + " set SESSION_TYPE to one of the names found.");
    }

    @Test
    void aTypoOfTheRealDataSuggestsTheNameAndNoArtifact() {
        ClassLoader loader = TestClasspath.in(dir).loader();
        String message = catchThrowable(() -> ProviderDiscovery.select(type("reddis"), loader)).getMessage();
        assertThat(message).startsWith("SESSION_TYPE was 'reddis' but no backend named 'reddis' is on the classpath."
                        + " Found: []. Did you mean 'redis'? No first-party backend is named 'reddis' (they are ")
                .endsWith("): add the artifact of the backend named 'reddis' if there is one, or set SESSION_TYPE to"
                        + " one of the names found.")
                .doesNotContain("session-reddis").doesNotContain("io.github.session4j:");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "postgres => Add the PostgreSQL driver org.postgresql:postgresql too, and set SESSION_JDBC_URL=jdbc:postgresql://host/database.",
        "PostgreSQL => Add the PostgreSQL driver org.postgresql:postgresql too, and set SESSION_JDBC_URL=jdbc:postgresql://host/database.",
        "mysql => Add the MySQL driver com.mysql:mysql-connector-j too, and set SESSION_JDBC_URL=jdbc:mysql://host/database.",
        "mariadb => Add the MariaDB driver org.mariadb.jdbc:mariadb-java-client too, and set SESSION_JDBC_URL=jdbc:mariadb://host/database.",
        "h2 => The H2 driver comes with session-jdbc, which uses an H2 file database by default (SESSION_JDBC_URL=jdbc:h2:file:./session4j-sessions).",
        "sqlite => session-jdbc does not support SQLite; for an embedded database use H2, whose driver comes with session-jdbc (SESSION_JDBC_URL=jdbc:h2:file:./session4j-sessions).",
    })
    void aDatabaseNameOfTheRealDataPointsToJdbcAndItsDriver(String type, String hint) {
        ClassLoader loader = TestClasspath.in(dir).loader();
        String name = type.toLowerCase(java.util.Locale.ROOT);
        assertThatThrownBy(() -> ProviderDiscovery.select(type(type), loader))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_TYPE was '" + name + "' but no backend named '" + name + "' is on the classpath."
                        + " Found: []. For '" + name + "', use the 'jdbc' backend: set SESSION_TYPE=jdbc and add the"
                        + " artifact io.github.session4j:session-jdbc. " + hint);
    }

    @Test
    void anAliasOfABackendOnTheClasspathSaysSo() {
        FirstPartyBackends data = FirstPartyBackends.of(Map.of("alpha", "com.example:session-alpha"),
                Map.of("alfa", new FirstPartyBackends.Alias("alpha", "Set SESSION_ALPHA_URL too.")));
        assertThatThrownBy(() -> ProviderDiscovery.select(type("alfa"), classpath(ALPHA), data))
                .hasMessage("SESSION_TYPE was 'alfa' but no backend named 'alfa' is on the classpath. Found: [alpha]."
                        + " For 'alfa', use the 'alpha' backend, which is on the classpath: set SESSION_TYPE=alpha."
                        + " Set SESSION_ALPHA_URL too.");
    }

    @Test
    void unknownNameCloseToAFoundOneGetsASuggestion() {
        ClassLoader loader = classpath(ALPHA, BETA);
        assertThatThrownBy(() -> ProviderDiscovery.select(type("alpah"), loader, FirstPartyBackends.NONE))
                .hasMessage("SESSION_TYPE was 'alpah' but no backend named 'alpah' is on the classpath. Found:"
                        + " [alpha, beta]. Did you mean 'alpha'? Add the artifact of the backend named 'alpah' if"
                        + " there is one, or set SESSION_TYPE to one of the names found.");
    }

    @Test
    void twoProvidersWithOneNameAreNamedWithTheirLocations() {
        ClassLoader loader = classpath(ALPHA, TWIN, BETA);
        String location = AlphaProvider.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertThatThrownBy(() -> ProviderDiscovery.select(type("alpha"), loader))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_TYPE was 'alpha' but 2 backends on the classpath are named 'alpha': "
                        + ALPHA + " (from " + location + "), " + TWIN + " (from " + location + ")."
                        + " Keep only one of them on the classpath.");
    }

    @Test
    void twoProvidersWithAnotherNameDoNotMatter() {
        assertThat(ProviderDiscovery.select(type("beta"), classpath(ALPHA, TWIN, BETA)))
                .isInstanceOf(BetaProvider.class);
    }

    @Test
    void aProviderThatThrowsIsReportedInEveryFailure() {
        ClassLoader loader = classpath(THROWING, ALPHA);
        assertThatThrownBy(() -> ProviderDiscovery.select(type("broken"), loader, FirstPartyBackends.NONE))
                .isInstanceOf(SessionConfigException.class)
                .hasMessage("SESSION_TYPE was 'broken' but no backend named 'broken' is on the classpath. Found:"
                        + " [alpha]. Add the artifact of the backend named 'broken' if there is one, or set"
                        + " SESSION_TYPE to one of the names found.\n"
                        + "A backend failed to load, maybe the one you want:\n"
                        + "  - " + THROWING_FAILURE);
        assertThatThrownBy(() -> ProviderDiscovery.select(SessionConfig.builder().build(), loader))
                .hasMessageEndingWith("\nA backend failed to load, maybe the one you want:\n  - " + THROWING_FAILURE);
    }

    @Test
    void aMissingProviderClassIsReportedToo() {
        ClassLoader loader = classpath("com.example.NoSuchProvider", THROWING);
        assertThatThrownBy(() -> ProviderDiscovery.select(type("alpha"), loader, FirstPartyBackends.NONE))
                .hasMessage("SESSION_TYPE was 'alpha' but no backend named 'alpha' is on the classpath. Found: []."
                        + " Add the artifact of the backend named 'alpha' if there is one, or set SESSION_TYPE to"
                        + " one of the names found.\n"
                        + "2 backends failed to load, maybe the one you want:\n"
                        + "  - io.github.session4j.spi.SessionInterfaceProvider: Provider com.example.NoSuchProvider"
                        + " not found\n"
                        + "  - " + THROWING_FAILURE);
    }

    @Test
    void aProviderThatThrowsIsLoggedWhenSelectionSucceeds() {
        try (LogCapture log = LogCapture.of(ProviderDiscovery.class)) {
            assertThat(ProviderDiscovery.select(type("alpha"), classpath(THROWING, ALPHA)))
                    .isInstanceOf(AlphaProvider.class);
            assertThat(log.warnings()).containsExactly("A session backend failed to load and was ignored, since"
                    + " SESSION_TYPE is 'alpha': " + THROWING_FAILURE);
        }
    }

    @Test
    void theMemoryBackendShipsWithTheApi() {
        ClassLoader own = ProviderDiscoveryTest.class.getClassLoader();
        assertThat(ProviderDiscovery.available(own)).extracting(SessionInterfaceProvider::name).contains("memory");
        assertThat(ProviderDiscovery.select(type("memory"), own).name()).isEqualTo("memory");
    }

    @Test
    void availableListsTheProvidersThatLoad() {
        try (LogCapture log = LogCapture.of(ProviderDiscovery.class)) {
            assertThat(ProviderDiscovery.available(classpath(ALPHA, THROWING, BETA)))
                    .extracting(SessionInterfaceProvider::name).containsExactly("alpha", "beta");
            assertThat(log.warnings()).containsExactly("A session backend failed to load: " + THROWING_FAILURE);
        }
    }
}
