package io.github.session4j.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port in front of a store's port: the store taken away and brought
 * back, or made slow, without touching it. {@link #stop()} closes the listening socket and every
 * relayed connection, as if the store went away; {@link #start()} listens again on the same port,
 * as if it came back; {@link #replyDelay(Duration)} holds back every chunk of the store's replies.
 * Each connection gets two daemon threads.
 */
public final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private Thread acceptor;
    private volatile Duration replyDelay = Duration.ZERO;

    /**
     * A proxy on a free loopback port that forwards to {@code targetPort}, not listening yet.
     *
     * @param targetPort the store's loopback port
     */
    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        this.port = Loopback.freePort();
    }

    /**
     * A proxy that listens already.
     *
     * @param targetPort the store's loopback port
     * @return the listening proxy
     */
    public static TcpProxy started(int targetPort) {
        TcpProxy proxy = new TcpProxy(targetPort);
        proxy.start();
        return proxy;
    }

    /**
     * The proxy's port on 127.0.0.1, which clients connect to instead of the store's.
     *
     * @return the port, the same across restarts
     */
    public int port() {
        return port;
    }

    /**
     * Sets how long each chunk of the store's replies is held back; zero forwards at once.
     *
     * @param delay the delay
     */
    public void replyDelay(Duration delay) {
        this.replyDelay = delay;
    }

    /** Listens and relays until {@link #stop()}. */
    public synchronized void start() {
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listener = listening;
            acceptor = daemon(() -> accept(listening), "tcp-proxy-accept-" + port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Stops listening and cuts every relayed connection; when it returns, the port refuses connections. */
    public synchronized void stop() {
        closeQuietly(listener);
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
        if (acceptor != null) {
            // the socket is released only once the thread blocked in accept() has left it
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            acceptor = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return; // stopped
            }
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
            } catch (IOException e) {
                // the store refused: the client sees a closed connection
                closeQuietly(client);
                closeQuietly(target);
                continue;
            }
            sockets.add(client);
            sockets.add(target);
            daemon(() -> pump(client, target, false), "tcp-proxy-request");
            daemon(() -> pump(target, client, true), "tcp-proxy-reply");
        }
    }

    private void pump(Socket from, Socket to, boolean reply) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                Duration delay = replyDelay;
                if (reply && !delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close both below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing for a test; nothing to report
        }
    }
}
