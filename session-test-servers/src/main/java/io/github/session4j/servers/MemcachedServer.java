package io.github.session4j.servers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A real {@code memcached} process on a free loopback port, killed when the JVM exits at the
 * latest; it can be stopped and started again on the same port (its data is lost). Reads the
 * server's own statistics and item metadata over the text protocol.
 */
public final class MemcachedServer implements AutoCloseable {

    /** How to get the binary, for the failure when it is missing. */
    public static final String HOW_TO_INSTALL = "install it with `bash scripts/services/memcached.sh` (Debian's"
            + " package 'memcached'); the tests start their own memcached processes on free loopback ports";

    /** memcached reads an expiration of more than 30 days as an absolute Unix time. */
    private static final long MAX_RELATIVE_SECONDS = 30L * 24 * 3600;

    private final ServerProcess process;

    private MemcachedServer(ServerProcess process) {
        this.process = process;
    }

    /**
     * Starts {@code memcached -l 127.0.0.1 -p PORT -U 0 -m 64} (and {@code -u root} as root) with
     * extra arguments, which come last and so win over these.
     *
     * @param extraArguments more arguments, such as {@code -C} or {@code -m 1024}
     * @return the running server
     */
    public static MemcachedServer start(String... extraArguments) {
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> extra = List.of(extraArguments);
        return new MemcachedServer(ServerProcess.start("memcached", "memcached", HOW_TO_INSTALL, (port, dir) -> {
            List<String> args = new ArrayList<>(List.of("-l", "127.0.0.1", "-p", Integer.toString(port),
                    "-U", "0", "-m", "64"));
            if (root) {
                args.addAll(List.of("-u", "root"));
            }
            args.addAll(extra);
            return args;
        }));
    }

    /**
     * The process, for code that stops and starts servers of any kind.
     *
     * @return the memcached process
     */
    public ServerProcess process() {
        return process;
    }

    /**
     * The loopback port, the same across restarts.
     *
     * @return the port
     */
    public int port() {
        return process.port();
    }

    /**
     * The address as {@code SESSION_MEMCACHED} spells it.
     *
     * @return {@code 127.0.0.1:PORT}
     */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /**
     * The server's general statistics ({@code stats}).
     *
     * @return name to value
     */
    public Map<String, String> stats() {
        Map<String, String> stats = new HashMap<>();
        for (String line : command("stats", "END")) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3 && parts[0].equals("STAT")) {
                stats.put(parts[1], parts[2]);
            }
        }
        return stats;
    }

    /**
     * One numeric statistic.
     *
     * @param name such as {@code curr_items}
     * @return its value
     */
    public long stat(String name) {
        return Long.parseLong(stats().get(name));
    }

    /**
     * The keys under a prefix, read with {@code lru_crawler metadump hash}, which walks the hash
     * table (an LRU walk can miss an item that moves between segments) and is not counted as a get.
     *
     * @param prefix the key prefix
     * @return the keys
     */
    public Set<String> keys(String prefix) {
        Set<String> keys = new HashSet<>();
        for (String line : command("lru_crawler metadump hash", "END")) {
            if (line.startsWith("key=")) {
                String key = URLDecoder.decode(line.substring(4, line.indexOf(' ')), StandardCharsets.UTF_8);
                if (key.startsWith(prefix)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /**
     * Tells whether a live item is stored under {@code key} ({@code me key}, a debug command that
     * the server does not count as a get).
     *
     * @param key the key
     * @return {@code true} if it is there
     */
    public boolean has(String key) {
        List<String> answer = command("me " + key, null);
        return !answer.isEmpty() && answer.get(0).startsWith("ME ");
    }

    /**
     * Overwrites an item's bytes with the text protocol's meta set, keeping its remaining TTL
     * (its CAS value changes: memcached 1.6.18 cannot keep it).
     *
     * @param key the key of a live item
     * @param data the new bytes
     */
    public void overwrite(String key, byte[] data) {
        // no TTL: the item never expires (T0); a TTL in its last second stays 1 s, not "never"
        long ttl = ttl(key).map(t -> Math.max(t.toSeconds(), 1)).orElse(0L);
        long expiration = ttl > MAX_RELATIVE_SECONDS ? System.currentTimeMillis() / 1000 + ttl : ttl;
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("ms " + key + " " + data.length + " T" + expiration + " F0\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = readLine(socket.getInputStream());
            if (!answer.startsWith("HD")) {
                throw new IllegalStateException("memcached on " + address() + " answered '" + answer + "' to ms " + key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The remaining TTL of an item as the server sees it ({@code mg key t}; counted as a get).
     *
     * @param key the key
     * @return the remaining TTL in whole seconds, empty if the item is missing or never expires
     */
    public Optional<Duration> ttl(String key) {
        List<String> lines = command("mg " + key + " t", null);
        String answer = lines.isEmpty() ? "" : lines.get(0);
        if (!answer.startsWith("HD t") || answer.equals("HD t-1")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(answer.substring(4).split(" ")[0])));
    }

    /**
     * Reads an item with the text protocol's {@code get}: the flags and the bytes as stored.
     *
     * @param key the key
     * @return the first line ({@code VALUE key flags length}) and the data, or empty
     */
    public Optional<Map.Entry<String, byte[]>> rawGet(String key) {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String header = readLine(in);
            if (header.equals("END")) {
                return Optional.empty();
            }
            int length = Integer.parseInt(header.substring(header.lastIndexOf(' ') + 1));
            byte[] data = in.readNBytes(length);
            return Optional.of(Map.entry(header, data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process (SIGKILL) and waits until it is gone; its data is lost. */
    public void kill() {
        process.stop();
    }

    /** The same as {@link #kill()}, the word outage tests use. */
    public void stop() {
        process.stop();
    }

    /** Starts the server again, empty, on the same port, after {@link #stop()}. */
    public void restart() {
        process.start();
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "memcached on " + address();
    }

    private List<String> command(String command, String terminator) {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.equals(terminator); line = in.readLine()) {
                if (line.startsWith("ERROR") || line.startsWith("CLIENT_ERROR") || line.startsWith("SERVER_ERROR")
                        || line.startsWith("BUSY")) {
                    throw new IllegalStateException("memcached on " + address() + " answered '" + line + "' to " + command);
                }
                lines.add(line);
                if (terminator == null) {
                    break;
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to memcached on " + address(), e);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
