package io.github.session4j.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A server binary ({@code redis-server}, {@code memcached}) run on a free loopback port with a
 * temp dir of its own, killed by a JVM shutdown hook at the latest. It can be killed and started
 * again on the same port, which is how outage tests take a store away and bring it back.
 */
public final class ServerProcess implements AutoCloseable {

    /** The arguments of the binary, given the port and the dir of the server. */
    @FunctionalInterface
    public interface Arguments {
        /**
         * The arguments after the binary's path.
         *
         * @param port the loopback port the server must listen on
         * @param dir the server's own temp dir, for its data, config and log
         * @return the arguments
         */
        List<String> of(int port, Path dir);
    }

    private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServerProcess::close),
                "session4j-test-servers-shutdown"));
    }

    private final String name;
    private final String binary;
    private final Arguments arguments;
    private final String howToInstall;
    private final int port;
    private final Path dir;
    private Process process;

    private ServerProcess(String name, String binary, Arguments arguments, String howToInstall, int port) {
        this.name = name;
        this.binary = binary;
        this.arguments = arguments;
        this.howToInstall = howToInstall;
        this.port = port;
        this.dir = Loopback.tempDir(name);
    }

    /**
     * Starts a server on a free port, trying another port when the first one was taken meanwhile.
     *
     * @param name a short name for the temp dir, the log and messages
     * @param binary the binary's name, looked up on the {@code PATH}
     * @param howToInstall what the failure says when the binary is missing, such as
     *     {@code install it with `bash scripts/services/redis.sh`}
     * @param arguments the arguments, given the port and the dir
     * @return the running server
     * @throws IllegalStateException if the binary is missing or the server does not listen within 10 s
     */
    public static ServerProcess start(String name, String binary, String howToInstall, Arguments arguments) {
        return startExecutable(name, binary(binary, howToInstall), howToInstall, arguments);
    }

    /**
     * Starts a server from an executable given by its path, such as the JDK's {@code java} for a
     * server written in Java, on a free loopback port.
     *
     * @param name the server's name, for messages and its temp dir
     * @param path the executable's path
     * @param howToInstall what to do when it cannot run
     * @param arguments its arguments for a port and a dir
     * @return the running server
     * @throws IllegalStateException if it does not start listening
     */
    public static ServerProcess startExecutable(String name, String path, String howToInstall, Arguments arguments) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            ServerProcess server = new ServerProcess(name, path, arguments, howToInstall, Loopback.freePort());
            try {
                server.start();
                return server;
            } catch (IllegalStateException e) {
                last = e; // most likely another process took the port meanwhile: try another one
                server.close();
            }
        }
        throw last;
    }

    /**
     * The path of a binary on the {@code PATH}, failing with how to install it when it is missing.
     *
     * @param name such as {@code redis-server}
     * @param howToInstall what the failure says
     * @return the path
     * @throws IllegalStateException if it is not there
     */
    public static String binary(String name, String howToInstall) {
        for (String dirName : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File candidate = new File(dirName, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        throw new IllegalStateException(name + " was not found on the PATH: " + howToInstall);
    }

    /**
     * Starts the server (again, after {@link #stop()}) on its port and dir, and waits until it listens.
     *
     * @throws IllegalStateException if it exits or does not listen within 10 s
     */
    public synchronized void start() {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(arguments.of(port, dir));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + binary + ": " + howToInstall, e);
        }
        RUNNING.add(this);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " on port " + port + " exited with " + process.exitValue()
                        + "; see the logs in " + dir);
            }
            if (Loopback.listening(port)) {
                return;
            }
            Loopback.sleep(20);
        }
        throw new IllegalStateException(name + " did not listen on port " + port + " within 10 s; see the logs in " + dir);
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
    }

    /**
     * Sends a signal to the server, such as {@code STOP} or {@code CONT}.
     *
     * @param signal the signal's name
     */
    public void signal(String signal) {
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
     * The loopback port, the same across restarts.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The OS process id of the running server.
     *
     * @return the pid
     */
    public synchronized long pid() {
        return process.pid();
    }

    /**
     * The server's temp dir.
     *
     * @return the dir
     */
    public Path dir() {
        return dir;
    }

    /** Kills the server and deletes its dir. */
    @Override
    public void close() {
        stop();
        RUNNING.remove(this);
        Loopback.deleteTree(dir);
    }

    @Override
    public String toString() {
        return name + "@127.0.0.1:" + port;
    }
}
