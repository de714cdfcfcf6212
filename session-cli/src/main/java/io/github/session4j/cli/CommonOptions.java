package io.github.session4j.cli;

import io.github.session4j.SessionConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command has: where the configuration comes from, and the output format.
 */
final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The application's properties file (session.properties). Default: the file named by"
                    + " SESSION_CONFIG, if set. Environment variables and -D values override it, as in the application.")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A setting that wins over every other source, such as -D SESSION_TYPE=redis."
                    + " java -Dsession.type=redis -jar ... works too, as for the application.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print one JSON object on stdout for scripts instead of text for people.")
    boolean json;

    /**
     * The configuration an application with the same file and environment reads, with the -D values on top.
     *
     * @return the configuration
     */
    SessionConfig load() {
        SessionConfig.Builder builder = SessionConfig.builder().standardSources();
        if (config != null) {
            builder.file(config);
        }
        return builder.putAll(settings).build();
    }
}
