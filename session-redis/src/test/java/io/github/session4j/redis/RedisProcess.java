package io.github.session4j.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} process started by the tests on a free loopback port, with its data in a
 * temp dir, no persistence ({@code --save '' --appendonly no}), and killed when the JVM exits.
 * Can be stopped and started again on the same port to simulate an outage.
 */
final class RedisProcess implements AutoCloseable {

    static final String HOW_TO_INSTALL = "install Redis 6.2 or newer with `apt-get install redis-server redis-tools`"
            + " (or run scripts/services/redis.sh); the tests start their own redis-server processes";

    private final Path dir;
    private final int port;
    private final List<String> leadingArgs;
    private final List<String> extraArgs;
    private Process process;

    private RedisProcess(Path dir, int port, List<String> leadingArgs, List<String> extraArgs) {
        this.dir = dir;
        this.port = port;
        this.leadingArgs = List.copyOf(leadingArgs);
        this.extraArgs = List.copyOf(extraArgs);
    }

    /**
     * Starts a server on a free port.
     *
     * @param name a short name for the temp dir and the log
     * @param extraArgs more {@code redis-server} arguments, such as {@code --requirepass x};
     *     {@code {port}} stands for the chosen port
     * @return the running server
     */
    static RedisProcess start(String name, String... extraArgs) {
        return startWithConfig(name, null, extraArgs);
    }

    /**
     * Starts a server on a free port with a config file, which Sentinel needs (it rewrites it).
     *
     * @param name a short name for the temp dir and the log
     * @param config the config file's text, or null for none
     * @param extraArgs more {@code redis-server} arguments, such as {@code --sentinel}
     * @return the running server
     */
    static RedisProcess startWithConfig(String name, String config, String... extraArgs) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = tempDir(name);
            List<String> leading = config == null ? List.of() : List.of(writeConfig(dir, config));
            RedisProcess redis = new RedisProcess(dir, freePort(), leading, List.of(extraArgs));
            try {
                redis.start();
                return redis;
            } catch (IllegalStateException e) {
                last = e; // most likely another process took the port meanwhile: try another one
                redis.close();
            }
        }
        throw last;
    }

    /**
     * Starts the server again on the same port and dir, after {@link #stop()}.
     */
    void start() {
        List<String> command = new ArrayList<>();
        command.add(binary("redis-server"));
        command.addAll(leadingArgs);
        command.addAll(List.of("--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString(), "--daemonize", "no"));
        extraArgs.forEach(arg -> command.add(arg.replace("{port}", Integer.toString(port))));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run redis-server: " + HOW_TO_INSTALL, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        waitForPort();
    }

    /**
     * The loopback port.
     *
     * @return the port
     */
    int port() {
        return port;
    }

    /**
     * The OS process id, for signals such as {@code SIGSTOP}.
     *
     * @return the pid
     */
    long pid() {
        return process.pid();
    }

    /**
     * A {@code redis://} URI of the server.
     *
     * @return the URI
     */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * The temp dir of the server.
     *
     * @return the dir
     */
    Path dir() {
        return dir;
    }

    /**
     * Kills the server at once ({@code SIGKILL}) and waits until it is gone.
     */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Sends a signal to the server, such as {@code STOP} or {@code CONT}.
     *
     * @param signal the signal name
     */
    void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Kills the server and deletes its dir.
     */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        deleteTree(dir);
    }

    /**
     * The path of a Redis binary, failing with how to install it when it is missing.
     *
     * @param name such as {@code redis-server} or {@code redis-cli}
     * @return the path
     */
    static String binary(String name) {
        for (String dirName : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dirName, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " was not found on the PATH: " + HOW_TO_INSTALL);
    }

    /**
     * A TCP port that was free a moment ago on loopback.
     *
     * @return the port
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String writeConfig(Path dir, String config) {
        try {
            return Files.writeString(dir.resolve("redis.conf"), config).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("session4j-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is not worth failing a test for
        }
    }

    private void waitForPort() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with "
                        + process.exitValue() + "; see " + dir.resolve("redis.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                sleep(20);
            }
        }
        throw new IllegalStateException("redis-server did not listen on port " + port + " within 10s; see "
                + dir.resolve("redis.log"));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
