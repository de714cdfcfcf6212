package io.github.session4j.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Ports, temp dirs and waits on loopback, for the servers of this package and the tests that use them. */
public final class Loopback {

    private Loopback() {
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

    /**
     * Tells whether something accepts connections on a loopback port (within 200 ms).
     *
     * @param port the port
     * @return {@code true} if a connection was accepted
     */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates a temp dir.
     *
     * @param name a short name, part of the dir's name
     * @return the new dir
     */
    public static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("session4j-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a dir and everything below it, as far as it can.
     *
     * @param root the dir; nothing happens if it does not exist
     */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is not worth failing a test for
        }
    }

    /**
     * Sleeps, turning an interrupt into an exception (and keeping the interrupt flag).
     *
     * @param millis how long
     */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
