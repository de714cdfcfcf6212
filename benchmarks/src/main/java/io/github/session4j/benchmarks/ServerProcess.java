package io.github.session4j.benchmarks;

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
import java.util.concurrent.TimeUnit;

/**
 * A server binary ({@code redis-server}, {@code memcached}) started on a free loopback port for
 * the benchmarks of one JVM when {@code scripts/bench.sh} did not start one, and killed when the
 * JVM exits.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code redis-server} without persistence.
     *
     * @return the running server
     */
    static ServerProcess redis() {
        return start("redis-server", "apt-get install redis-server (or bash scripts/services/redis.sh)",
                port -> List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                        "--appendonly", "no", "--daemonize", "no"));
    }

    /**
     * Starts {@code memcached} with 1 GB of memory and items up to 2 MB.
     *
     * @return the running server
     */
    static ServerProcess memcached() {
        return start("memcached", "apt-get install memcached (or bash scripts/services/memcached.sh)",
                port -> {
                    List<String> args = new ArrayList<>(List.of("-l", "127.0.0.1", "-p", Integer.toString(port),
                            "-U", "0", "-m", "1024", "-I", "2m"));
                    if ("root".equals(System.getProperty("user.name"))) {
                        args.addAll(List.of("-u", "root"));
                    }
                    return args;
                });
    }

    /**
     * The loopback port.
     *
     * @return the port
     */
    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Arguments {
        List<String> forPort(int port);
    }

    private static ServerProcess start(String binary, String howToInstall, Arguments arguments) {
        String path = onPath(binary, howToInstall);
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(path);
            command.addAll(arguments.forPort(port));
            Process process;
            try {
                Path log = Files.createTempFile("session4j-bench-" + binary + "-", ".log");
                log.toFile().deleteOnExit();
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command + ": " + howToInstall, e);
            }
            ServerProcess server = new ServerProcess(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            if (server.awaitListening()) {
                return server;
            }
            server.close(); // most likely another process took the port meanwhile
        }
        throw new IllegalStateException(binary + " did not start on a free loopback port in 3 attempts; run it by hand to see why");
    }

    private boolean awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                Sleep.millis(20);
            }
        }
        return false;
    }

    private static String onPath(String binary, String howToInstall) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(binary + " is not on the PATH; the benchmarks start their own: " + howToInstall);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
