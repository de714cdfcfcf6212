package io.github.session4j.flask;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as msgspec writes it: compact, UTF-8 (non-ASCII unescaped), {@code \"}, {@code \\},
 * {@code \b \f \n \r \t} and {@code \\u} and four hex digits for other control characters; bytes as standard base64
 * text; an Instant as RFC 3339 with {@code Z}; a double as Python's {@code repr}. Reading accepts
 * any JSON whose object keys are strings; integers become Integer or Long, other numbers Double.
 */
final class FlaskJson {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private FlaskJson() {
    }

    static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double d) {
            out.append(pythonRepr(d));
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof byte[] b) {
            string(out, FlaskRecordCodec.base64(b));
        } else if (value instanceof Instant i) {
            String text = SECONDS.format(i);
            if (i.getNano() != 0) {
                text += String.format(".%06d", i.getNano() / 1000);
            }
            string(out, text + "Z");
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int n = 0; n < list.size(); n++) {
                if (n > 0) {
                    out.append(',');
                }
                write(out, list.get(n));
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, (String) e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else {
            String text = FlaskRecordCodec.text(value);
            if (text == null) {
                throw new IllegalArgumentException("not a Flask value: " + value.getClass().getName());
            }
            string(out, text);
        }
    }

    /** Python's repr of a finite float: shortest digits, scientific below 1e-4 and from 1e16. */
    static String pythonRepr(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale(); // of the first digit
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = exact.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static Object read(byte[] bytes, int maxDepth) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("json: not UTF-8");
        }
        Parser p = new Parser(text, maxDepth);
        p.space();
        Object value = p.value(0);
        p.space();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("json: text after the value");
        }
        return value;
    }

    private static final class Parser {
        private final String s;
        private final int maxDepth;
        private int pos;

        Parser(String s, int maxDepth) {
            this.s = s;
            this.maxDepth = maxDepth;
        }

        void space() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("json: truncated");
            }
            return s.charAt(pos);
        }

        private void expect(String word) {
            if (!s.startsWith(word, pos)) {
                throw new IllegalArgumentException("json: unexpected text at " + pos);
            }
            pos += word.length();
        }

        Object value(int depth) {
            if (depth > maxDepth) {
                throw new IllegalArgumentException("json: nests deeper than SESSION_MAX_DEPTH=" + maxDepth);
            }
            char c = peek();
            switch (c) {
                case '{': return object(depth);
                case '[': return array(depth);
                case '"': return string();
                case 't': expect("true"); return Boolean.TRUE;
                case 'f': expect("false"); return Boolean.FALSE;
                case 'n': expect("null"); return null;
                default: return number();
            }
        }

        private Map<String, Object> object(int depth) {
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            space();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                space();
                if (peek() != '"') {
                    throw new IllegalArgumentException("json: an object key that is not a string");
                }
                String key = string();
                space();
                expect(":");
                space();
                map.put(key, value(depth + 1));
                space();
                char c = peek();
                pos++;
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("json: expected , or } at " + (pos - 1));
                }
            }
        }

        private List<Object> array(int depth) {
            pos++;
            List<Object> list = FlaskRecordCodec.list();
            space();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                space();
                list.add(value(depth + 1));
                space();
                char c = peek();
                pos++;
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("json: expected , or ] at " + (pos - 1));
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = peek();
                pos++;
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("json: a control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = peek();
                pos++;
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw new IllegalArgumentException("json: truncated escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw new IllegalArgumentException("json: a bad unicode escape");
                        }
                        pos += 4;
                    }
                    default -> throw new IllegalArgumentException("json: a bad escape");
                }
            }
        }

        private Object number() {
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String t = s.substring(start, pos);
            if (t.isEmpty() || !t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                throw new IllegalArgumentException("json: not a value at " + start);
            }
            if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) {
                try {
                    long v = Long.parseLong(t);
                    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("json: an integer beyond Long");
                }
            }
            return Double.parseDouble(t);
        }
    }
}
