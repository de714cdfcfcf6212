package io.github.session4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python side of the {@code SESSION_RECORD_FORMAT=flask-session} interop tests: runs
 * {@code session-api/src/test/python/flask_records.py} with Debian's {@code /usr/bin/python3}
 * (python3-msgpack, python3-itsdangerous, python3-flask, installed by
 * {@code scripts/services/python.sh}), which writes and reads records and signed cookies as
 * Flask-Session does. Run from a module directory of the reactor, as Maven's tests are.
 */
public final class FlaskPython {

    private static final SecureRandom RANDOM = new SecureRandom();

    private FlaskPython() {
    }

    /**
     * Runs the script and returns what it printed.
     *
     * @param args the script's arguments (its command first)
     * @return its output, trimmed
     * @throws IllegalStateException if Python cannot run or the script fails, saying how to
     *     install what it needs
     */
    public static String python(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3",
                Path.of("..", "session-api", "src", "test", "python", "flask_records.py").toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("flask_records.py failed: " + out
                        + " (run scripts/services/python.sh as root for python3-msgpack, python3-itsdangerous, python3-flask)");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run /usr/bin/python3: run scripts/services/python.sh as root", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the script and decodes its output as hex.
     *
     * @param args the script's arguments (its command first)
     * @return the bytes it printed in hex
     * @throws IllegalStateException as {@link #python}
     */
    public static byte[] pythonBytes(String... args) {
        return HexFormat.of().parseHex(python(args));
    }

    /**
     * An ID as Flask-Session makes one: {@code secrets.token_urlsafe(32)}.
     *
     * @return a new random 43-character ID
     */
    public static String flaskId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The value of a {@code Set-Cookie} header's cookie.
     *
     * @param setCookie the header value, {@code name=value; attributes}
     * @return the value
     */
    public static String cookieValue(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }
}
