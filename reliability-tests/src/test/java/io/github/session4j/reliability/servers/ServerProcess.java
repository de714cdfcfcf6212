package io.github.session4j.reliability.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A server binary ({@code redis-server}, {@code memcached}) run by the suite on a free loopback
 * port, killed when the test JVM exits at the latest. It can be killed and started again on the
 * same port, which is how the outage tests take the store away and bring it back.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final IntFunction<List<String>> command;
    private final String howToInstall;
    private final int port;
    private final Path log;
    private Process process;

    private ServerProcess(String name, IntFunction<List<String>> command, String howToInstall, int port) {
        this.name = name;
        this.command = command;
        this.howToInstall = howToInstall;
        this.port = port;
        try {
            this.log = Files.createTempFile("session4j-" + name + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.toFile().deleteOnExit();
    }

    /**
     * A {@code redis-server} without persistence on a free port.
     *
     * @return the running server
     */
    public static ServerProcess redis() {
        String binary = binary("redis-server", "install it with `bash scripts/services/redis.sh`"
                + " (Debian's redis-server); the suite starts its own servers on free ports");
        return start("redis", port -> List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no"), "see scripts/services/redis.sh");
    }

    /**
     * A {@code memcached} with 64 MB of memory on a free port.
     *
     * @return the running server
     */
    public static ServerProcess memcached() {
        String binary = binary("memcached", "install it with `bash scripts/services/memcached.sh`"
                + " (Debian's memcached); the suite starts its own servers on free ports");
        boolean root = "root".equals(System.getProperty("user.name"));
        return start("memcached", port -> {
            List<String> args = new ArrayList<>(List.of(binary, "-l", "127.0.0.1", "-p", Integer.toString(port),
                    "-U", "0", "-m", "64"));
            if (root) {
                args.addAll(List.of("-u", "root"));
            }
            return args;
        }, "see scripts/services/memcached.sh");
    }

    private static ServerProcess start(String name, IntFunction<List<String>> command, String howToInstall) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            ServerProcess server = new ServerProcess(name, command, howToInstall, freePort());
            try {
                server.start();
                return server;
            } catch (IllegalStateException e) {
                last = e; // most likely another process took the port meanwhile
                server.close();
            }
        }
        throw last;
    }

    /**
     * Starts the server (again) on its port.
     *
     * @throws IllegalStateException if it does not listen within 10 s
     */
    public synchronized void start() {
        try {
            process = new ProcessBuilder(command.apply(port)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + name + " (" + howToInstall + ")", e);
        }
        RUNNING.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " on port " + port + " exited with " + process.exitValue()
                        + "; see " + log);
            }
            if (listening(port)) {
                return;
            }
            pause(20);
        }
        throw new IllegalStateException(name + " did not listen on port " + port + " within 10 s; see " + log);
    }

    /** Kills the server at once ({@code SIGKILL}) and waits until it is gone; its data is lost. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RUNNING.remove(process);
    }

    /**
     * The loopback port, the same across restarts.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * A TCP port that was free a moment ago on loopback.
     *
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String binary(String name, String howToInstall) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new AssertionError(name + " was not found on the PATH: " + howToInstall);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + "@127.0.0.1:" + port;
    }
}
