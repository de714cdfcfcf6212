package io.github.session4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.session4j.spi.SessionInterfaceProvider;
import java.io.InputStream;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * This suite has every first-party backend on its classpath: the data that session-api generates
 * from the BOM (what ProviderDiscovery tells a user to add) names each of them, under the name its
 * provider answers, with the artifact its classes come from; and names no backend that is not one.
 */
class FirstPartyBackendsTest {

    @Test
    void theBomsBackendDataNamesEachBackendWithTheArtifactItComesFrom() throws Exception {
        Properties data = new Properties();
        try (InputStream in = SessionInterfaceProvider.class.getClassLoader()
                .getResourceAsStream("META-INF/session4j/first-party-backends.properties")) {
            assertThat(in).as("session-api's generated first-party-backends.properties").isNotNull();
            data.load(in);
        }
        TreeSet<String> backends = new TreeSet<>();
        for (SessionInterfaceProvider provider : ServiceLoader.load(SessionInterfaceProvider.class)) {
            if (provider.name().equals("memory")) {
                continue; // part of session-api itself
            }
            backends.add(provider.name());
            String artifact = data.getProperty(provider.name());
            assertThat(artifact).as("the BOM's artifact for SESSION_TYPE=" + provider.name()).isNotNull();
            String artifactId = artifact.substring(artifact.indexOf(':') + 1);
            // target/classes, target/<artifactId>-<version>.jar or the local repository
            String location = provider.getClass().getProtectionDomain().getCodeSource().getLocation().getPath();
            assertThat(location).as(provider.name() + "'s classes").containsAnyOf(
                    "/" + artifactId + "/", "/" + artifactId + "-");
        }
        assertThat(data.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(backends)
                .contains("mongodb");
    }
}
