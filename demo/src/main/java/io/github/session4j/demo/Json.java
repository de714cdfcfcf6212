package io.github.session4j.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Writes JSON responses. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(MAPPER.writeValueAsBytes(body));
    }

    /** A value as JSON text, for messages; cut at 80 characters. */
    static String quote(Object value) {
        String text;
        try {
            text = MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            text = String.valueOf(value);
        }
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, Map.of("error", message));
    }
}
