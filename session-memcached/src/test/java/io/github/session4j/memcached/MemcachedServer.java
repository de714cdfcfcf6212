package io.github.session4j.memcached;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real memcached process on a free loopback port, started by the tests, killed when the test JVM
 * exits at the latest. Reads the server's own statistics and item metadata over the text protocol.
 */
final class MemcachedServer implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private static MemcachedServer shared;

    private final Process process;
    private final int port;

    private MemcachedServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code memcached -l 127.0.0.1 -p PORT -U 0 -m 64} with extra arguments.
     *
     * @param extraArguments more arguments, such as {@code -C}
     * @return the running server
     */
    static MemcachedServer start(String... extraArguments) {
        String binary = findBinary();
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(binary, "-l", "127.0.0.1", "-p", Integer.toString(port),
                    "-U", "0", "-m", "64"));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "root"));
            }
            command.addAll(List.of(extraArguments));
            Process process = launch(command);
            RUNNING.add(process);
            MemcachedServer server = new MemcachedServer(process, port);
            if (server.awaitListening(Duration.ofSeconds(10))) {
                return server;
            }
            server.close();
        }
        throw new AssertionError("memcached did not start on a free loopback port after 5 attempts; run it by hand to"
                + " see why: " + binary + " -l 127.0.0.1 -p 21211 -U 0");
    }

    /**
     * The server that this test JVM's test classes share, started on first use.
     *
     * @return the shared server
     */
    static synchronized MemcachedServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    int port() {
        return port;
    }

    /**
     * The address as {@code SESSION_MEMCACHED} spells it.
     *
     * @return {@code 127.0.0.1:PORT}
     */
    String address() {
        return "127.0.0.1:" + port;
    }

    /**
     * The server's general statistics ({@code stats}).
     *
     * @return name to value
     */
    Map<String, String> stats() {
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
    long stat(String name) {
        return Long.parseLong(stats().get(name));
    }

    /**
     * The keys under a prefix, read with {@code lru_crawler metadump hash}, which walks the hash
     * table (an LRU walk can miss an item that moves between segments) and is not counted as a get.
     *
     * @param prefix the key prefix
     * @return the keys
     */
    Set<String> keys(String prefix) {
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
    boolean has(String key) {
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
    void overwrite(String key, byte[] data) {
        long ttl = ttl(key).map(Duration::toSeconds).orElse(0L);
        // the 30-day rule applies here too: a longer TTL must be sent as an absolute Unix time
        long expiration = ttl > MemcachedExpiry.MAX_RELATIVE_SECONDS ? System.currentTimeMillis() / 1000 + ttl : ttl;
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
    Optional<Duration> ttl(String key) {
        String answer = metaGet(key + " t");
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
    Optional<Map.Entry<String, byte[]>> rawGet(String key) {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
            var in = socket.getInputStream();
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

    /** Kills the process (SIGKILL) and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }

    @Override
    public void close() {
        kill();
    }

    private String metaGet(String arguments) {
        List<String> lines = command("mg " + arguments, null);
        return lines.isEmpty() ? "" : lines.get(0);
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
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private boolean awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                connect().close();
                return true;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        return false;
    }

    private static Process launch(List<String> command) {
        try {
            Path log = Files.createTempFile("memcached-", ".log");
            log.toFile().deleteOnExit();
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private static String findBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/local/bin").split(File.pathSeparator)) {
            File candidate = new File(dir, "memcached");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        File debian = new File("/usr/bin/memcached");
        if (debian.canExecute()) {
            return debian.getPath();
        }
        throw new AssertionError("memcached is not installed: these tests start their own memcached processes."
                + " Install it with: bash scripts/services/memcached.sh (Debian's package 'memcached')");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
