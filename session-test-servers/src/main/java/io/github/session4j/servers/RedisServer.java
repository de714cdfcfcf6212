package io.github.session4j.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code redis-server} process on a free loopback port, with its data in a temp dir, no
 * persistence ({@code --save '' --appendonly no}), killed when the JVM exits at the latest. It can
 * be stopped and started again on the same port to simulate an outage.
 */
public final class RedisServer implements AutoCloseable {

    /** How to get the binaries, for the failure when they are missing. */
    public static final String HOW_TO_INSTALL = "install Redis 6.2 or newer with `bash scripts/services/redis.sh`"
            + " (Debian's redis-server and redis-tools); the tests start their own redis-server processes on free"
            + " loopback ports";

    private final ServerProcess process;

    private RedisServer(ServerProcess process) {
        this.process = process;
    }

    /**
     * Starts a server on a free port.
     *
     * @param name a short name for the temp dir and the log
     * @param extraArgs more {@code redis-server} arguments, such as {@code --requirepass x};
     *     {@code {port}} stands for the chosen port
     * @return the running server
     */
    public static RedisServer start(String name, String... extraArgs) {
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
    public static RedisServer startWithConfig(String name, String config, String... extraArgs) {
        List<String> extra = List.of(extraArgs);
        return new RedisServer(ServerProcess.start(name, "redis-server", HOW_TO_INSTALL, (port, dir) -> {
            List<String> args = new ArrayList<>();
            if (config != null) {
                args.add(writeConfig(dir, config));
            }
            args.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString(),
                    "--daemonize", "no"));
            extra.forEach(arg -> args.add(arg.replace("{port}", Integer.toString(port))));
            return args;
        }));
    }

    /**
     * The path of a binary that Redis' tests use ({@code redis-cli}, {@code openssl}), failing
     * with how to install it when it is missing.
     *
     * @param name the binary's name
     * @return the path
     */
    public static String binary(String name) {
        return ServerProcess.binary(name, HOW_TO_INSTALL);
    }

    /** Starts the server again on the same port and dir, after {@link #stop()}. */
    public void start() {
        process.start();
    }

    /** Kills the server at once ({@code SIGKILL}) and waits until it is gone. */
    public void stop() {
        process.stop();
    }

    /**
     * Sends a signal to the server, such as {@code STOP} or {@code CONT}.
     *
     * @param signal the signal's name
     */
    public void signal(String signal) {
        process.signal(signal);
    }

    /**
     * The process, for code that stops and starts servers of any kind.
     *
     * @return the redis-server process
     */
    public ServerProcess process() {
        return process;
    }

    /**
     * The loopback port.
     *
     * @return the port
     */
    public int port() {
        return process.port();
    }

    /**
     * The OS process id, for signals.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * A {@code redis://} URI of the server.
     *
     * @return the URI
     */
    public String uri() {
        return "redis://127.0.0.1:" + port();
    }

    /**
     * The temp dir of the server.
     *
     * @return the dir
     */
    public Path dir() {
        return process.dir();
    }

    /** Kills the server and deletes its dir. */
    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return process.toString();
    }

    private static String writeConfig(Path dir, String config) {
        Path file = dir.resolve("redis.conf");
        try {
            // written once: Sentinel rewrites its config, and a restart must keep what it wrote
            return (Files.exists(file) ? file : Files.writeString(file, config)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
