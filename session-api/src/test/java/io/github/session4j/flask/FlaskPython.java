package io.github.session4j.flask;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs src/test/python/flask_records.py with Debian's /usr/bin/python3 (python3-msgpack,
 * python3-itsdangerous, python3-flask; installed by scripts/services/python.sh).
 */
final class FlaskPython {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/flask_records.py");

    private FlaskPython() {
    }

    static String run(String... args) {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException("/usr/bin/python3 is missing: run scripts/services/python.sh as root");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("flask_records.py " + String.join(" ", args) + " failed: " + out
                        + " (python3-msgpack, python3-itsdangerous and python3-flask come from scripts/services/python.sh)");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run /usr/bin/python3", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String... args) {
        return HexFormat.of().parseHex(run(args));
    }
}
