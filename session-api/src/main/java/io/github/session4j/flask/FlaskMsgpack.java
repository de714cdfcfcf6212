package io.github.session4j.flask;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * msgpack as msgspec writes it: the smallest form of each integer, str8 for short strings, bin for
 * bytes, float 64, and the timestamp extension (-1) in its smallest form (32, 64 or 96 bits).
 * Reading accepts every msgpack form of those values; any other extension, a non-String map key or
 * trailing bytes fail with {@link IllegalArgumentException}.
 */
final class FlaskMsgpack {

    private FlaskMsgpack() {
    }

    static void write(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            out.write(0xc0);
        } else if (value instanceof Boolean b) {
            out.write(b ? 0xc3 : 0xc2);
        } else if (value instanceof Integer || value instanceof Long) {
            writeInt(out, ((Number) value).longValue());
        } else if (value instanceof Double d) {
            out.write(0xcb);
            writeN(out, Double.doubleToLongBits(d), 8);
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof byte[] b) {
            writeHeader(out, b.length, -1, 0xc4, 0xc5, 0xc6);
            out.write(b, 0, b.length);
        } else if (value instanceof List<?> list) {
            writeHeader(out, list.size(), 0x90, -1, 0xdc, 0xdd);
            list.forEach(v -> write(out, v));
        } else if (value instanceof Map<?, ?> map) {
            writeHeader(out, map.size(), 0x80, -1, 0xde, 0xdf);
            map.forEach((k, v) -> {
                writeString(out, (String) k);
                write(out, v);
            });
        } else if (value instanceof Instant i) {
            writeTimestamp(out, i);
        } else {
            String text = FlaskRecordCodec.text(value);
            if (text == null) {
                throw new IllegalArgumentException("not a Flask value: " + value.getClass().getName());
            }
            writeString(out, text);
        }
    }

    private static void writeInt(ByteArrayOutputStream out, long v) {
        if (v >= 0) {
            if (v < 128) {
                out.write((int) v);
            } else if (v < 0x100) {
                out.write(0xcc);
                writeN(out, v, 1);
            } else if (v < 0x10000) {
                out.write(0xcd);
                writeN(out, v, 2);
            } else if (v < 0x100000000L) {
                out.write(0xce);
                writeN(out, v, 4);
            } else {
                out.write(0xcf);
                writeN(out, v, 8);
            }
        } else if (v >= -32) {
            out.write((int) (v & 0xff));
        } else if (v >= -128) {
            out.write(0xd0);
            writeN(out, v, 1);
        } else if (v >= -32768) {
            out.write(0xd1);
            writeN(out, v, 2);
        } else if (v >= Integer.MIN_VALUE) {
            out.write(0xd2);
            writeN(out, v, 4);
        } else {
            out.write(0xd3);
            writeN(out, v, 8);
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeHeader(out, b.length, 0xa0, 0xd9, 0xda, 0xdb);
        out.write(b, 0, b.length);
    }

    /** A length: the fix form under 16 (32 for strings), else 8, 16 or 32 bits; -1 where the form does not exist. */
    private static void writeHeader(ByteArrayOutputStream out, int length, int fix, int b8, int b16, int b32) {
        int fixLimit = fix == 0xa0 ? 32 : 16;
        if (fix >= 0 && length < fixLimit) {
            out.write(fix | length);
        } else if (b8 >= 0 && length < 0x100) {
            out.write(b8);
            writeN(out, length, 1);
        } else if (length < 0x10000) {
            out.write(b16);
            writeN(out, length, 2);
        } else {
            out.write(b32);
            writeN(out, length, 4);
        }
    }

    private static void writeTimestamp(ByteArrayOutputStream out, Instant i) {
        long seconds = i.getEpochSecond();
        int nanos = i.getNano();
        if (nanos == 0 && seconds >= 0 && seconds < 0x100000000L) {
            out.write(0xd6);
            out.write(0xff);
            writeN(out, seconds, 4);
        } else if (seconds >= 0 && seconds < (1L << 34)) {
            out.write(0xd7);
            out.write(0xff);
            writeN(out, ((long) nanos << 34) | seconds, 8);
        } else {
            out.write(0xc7);
            out.write(12);
            out.write(0xff);
            writeN(out, nanos, 4);
            writeN(out, seconds, 8);
        }
    }

    private static void writeN(ByteArrayOutputStream out, long v, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xff);
        }
    }

    static Object read(byte[] bytes, int maxDepth) {
        Reader reader = new Reader(bytes, maxDepth);
        Object value = reader.value(0);
        if (reader.pos != bytes.length) {
            throw new IllegalArgumentException("msgpack: " + (bytes.length - reader.pos) + " bytes after the value");
        }
        return value;
    }

    private static final class Reader {
        private final ByteBuffer in;
        private final int maxDepth;
        private int pos;

        Reader(byte[] bytes, int maxDepth) {
            this.in = ByteBuffer.wrap(bytes);
            this.maxDepth = maxDepth;
        }

        private int u8() {
            need(1);
            return in.get(pos++) & 0xff;
        }

        private long un(int n) {
            need(n);
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (in.get(pos++) & 0xff);
            }
            return v;
        }

        private void need(int n) {
            if (n < 0 || pos + n > in.limit()) {
                throw new IllegalArgumentException("msgpack: truncated");
            }
        }

        private int length(long n) {
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("msgpack: length " + n);
            }
            return (int) n;
        }

        Object value(int depth) {
            if (depth > maxDepth) {
                throw new IllegalArgumentException("msgpack: nests deeper than SESSION_MAX_DEPTH=" + maxDepth);
            }
            int b = u8();
            if (b <= 0x7f) {
                return b;
            }
            if (b >= 0xe0) {
                return (int) (byte) b;
            }
            if ((b & 0xf0) == 0x80) {
                return map(b & 0x0f, depth);
            }
            if ((b & 0xf0) == 0x90) {
                return array(b & 0x0f, depth);
            }
            if ((b & 0xe0) == 0xa0) {
                return string(b & 0x1f);
            }
            switch (b) {
                case 0xc0: return null;
                case 0xc2: return Boolean.FALSE;
                case 0xc3: return Boolean.TRUE;
                case 0xc4: return bin(length(un(1)));
                case 0xc5: return bin(length(un(2)));
                case 0xc6: return bin(length(un(4)));
                case 0xca: return (double) Float.intBitsToFloat((int) un(4));
                case 0xcb: return Double.longBitsToDouble(un(8));
                case 0xcc: return (int) un(1);
                case 0xcd: return (int) un(2);
                case 0xce: return number(un(4));
                case 0xcf: {
                    long v = un(8);
                    if (v < 0) {
                        throw new IllegalArgumentException("msgpack: an unsigned integer over Long.MAX_VALUE");
                    }
                    return number(v);
                }
                case 0xd0: return (int) (byte) un(1);
                case 0xd1: return (int) (short) un(2);
                case 0xd2: return (int) un(4);
                case 0xd3: return number(un(8));
                case 0xd9: return string(length(un(1)));
                case 0xda: return string(length(un(2)));
                case 0xdb: return string(length(un(4)));
                case 0xdc: return array(length(un(2)), depth);
                case 0xdd: return array(length(un(4)), depth);
                case 0xde: return map(length(un(2)), depth);
                case 0xdf: return map(length(un(4)), depth);
                case 0xd6: return ext(4);
                case 0xd7: return ext(8);
                case 0xc7: return ext(length(un(1)));
                case 0xd4: return ext(1);
                case 0xd5: return ext(2);
                case 0xd8: return ext(16);
                case 0xc8: return ext(length(un(2)));
                case 0xc9: return ext(length(un(4)));
                default: throw new IllegalArgumentException("msgpack: byte 0x" + Integer.toHexString(b) + " starts no value");
            }
        }

        private static Object number(long v) {
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
        }

        private Object ext(int length) {
            int type = (byte) u8();
            if (type != -1) {
                throw new IllegalArgumentException("msgpack: extension type " + type + " is no Flask value");
            }
            if (length == 4) {
                return Instant.ofEpochSecond(un(4));
            }
            if (length == 8) {
                long v = un(8);
                return Instant.ofEpochSecond(v & 0x3ffffffffL, v >>> 34);
            }
            if (length == 12) {
                long nanos = un(4);
                long seconds = un(8);
                return Instant.ofEpochSecond(seconds, nanos);
            }
            throw new IllegalArgumentException("msgpack: a timestamp of " + length + " bytes");
        }

        private byte[] bin(int n) {
            need(n);
            byte[] b = new byte[n];
            in.get(pos, b, 0, n);
            pos += n;
            return b;
        }

        private String string(int n) {
            byte[] b = bin(n);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("msgpack: a string that is not UTF-8");
            }
        }

        private List<Object> array(int n, int depth) {
            need(n); // every element takes a byte at least
            List<Object> list = FlaskRecordCodec.list();
            for (int i = 0; i < n; i++) {
                list.add(value(depth + 1));
            }
            return list;
        }

        private Map<String, Object> map(int n, int depth) {
            need(n * 2);
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Object key = value(depth + 1);
                if (!(key instanceof String k)) {
                    throw new IllegalArgumentException("msgpack: a map key that is not a string");
                }
                map.put(k, value(depth + 1));
            }
            return map;
        }
    }
}
