package io.github.session4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command writes: lines for people on stdout, or, with {@code --json}, one JSON object at
 * the end (the fields gathered with {@link #field}), and messages for people on stderr.
 */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** A line for people; nothing in JSON mode. */
    void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    /** A field of the JSON object. */
    Output field(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    /** A message for people on stderr, in both modes. */
    void note(String text) {
        err.println(text);
        err.flush();
    }

    PrintWriter err() {
        return err;
    }

    /** Ends the command: in JSON mode prints the object with {@code ok} and {@code exitCode}. */
    int finish(int exitCode) {
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("ok", exitCode == ExitCodes.OK);
            all.put("exitCode", exitCode);
            all.putAll(fields);
            try {
                out.println(JSON.writeValueAsString(all));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the JSON output: " + e.getOriginalMessage(), e);
            }
            out.flush();
        }
        return exitCode;
    }
}
