package io.github.session4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class of this module lives in a backend's package: the benchmarks reach a backend through its
 * public API and session-test-servers' side doors, never through a split package.
 */
class OwnPackageTest {

    @Test
    void everyClassOfTheModuleIsInTheBenchmarksPackage() throws IOException, URISyntaxException {
        Path classes = Path.of(Targets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> packages = Files.list(classes.resolve("io/github/session4j"))) {
            assertThat(packages.map(p -> p.getFileName().toString())).containsExactly("benchmarks");
        }
    }
}
