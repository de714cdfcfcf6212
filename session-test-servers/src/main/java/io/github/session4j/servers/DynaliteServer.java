package io.github.session4j.servers;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real dynalite (npm {@code dynalite}, an open-source implementation of the DynamoDB API; DynamoDB
 * Local's licence is not open source and it is never used) in a process of its own, in memory, on a
 * free loopback port; it can be stopped and started again on the same port (its data is lost).
 *
 * <p>Clients reach it through {@link #endpoint()}, a relay in this JVM that counts the DynamoDB
 * requests it passes on, per operation ({@code X-Amz-Target}), before passing them: the
 * server-side round-trip count of the contract kit, since dynalite keeps no statistics. The relay
 * also plays what dynalite cannot: a table over its capacity ({@link #throttle}) and a slow region
 * ({@link #replyDelay}). {@link #directEndpoint()} skips it.
 */
public final class DynaliteServer implements AutoCloseable {

    /** How to get the binary, for the failure when it is missing. */
    public static final String HOW_TO_INSTALL = "install it with `bash scripts/services/dynalite.sh` (as root: npm"
            + " package dynalite 4.0.0 into /opt/session4j/dynalite, linked as /usr/local/bin/dynalite); the tests"
            + " start their own dynalite processes on free loopback ports";

    /** The region the tests' clients name; dynalite accepts any. */
    public static final String REGION = "us-east-1";

    private static final Set<String> ITEM_OPERATIONS = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Scan",
            "Query", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems");

    private final ServerProcess process;
    private final CountingRelay relay;

    private DynaliteServer(ServerProcess process) {
        this.process = process;
        this.relay = new CountingRelay(process.port());
    }

    /**
     * Starts {@code dynalite --host 127.0.0.1 --port PORT} in memory, with tables that take 50 ms
     * (instead of 500 ms) to be created, updated or deleted.
     *
     * @return the running server
     * @throws IllegalStateException if dynalite is not installed or does not listen within 10 s
     */
    public static DynaliteServer start() {
        return start(false);
    }

    /**
     * Starts dynalite as {@link #start()} does, but keeping its tables in a LevelDB store in its temp
     * dir ({@code --path}), so that they survive {@link #stop()} and {@link #restart()}: an outage of
     * a store that keeps its data, as DynamoDB does.
     *
     * @return the running server
     */
    public static DynaliteServer startPersistent() {
        return start(true);
    }

    private static DynaliteServer start(boolean persistent) {
        return new DynaliteServer(ServerProcess.start("dynalite", "dynalite", HOW_TO_INSTALL, (port, dir) -> {
            List<String> args = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--createTableMs", "50", "--updateTableMs", "50", "--deleteTableMs", "50"));
            if (persistent) {
                args.addAll(List.of("--path", dir.resolve("data").toString()));
            }
            return args;
        }));
    }

    /**
     * While on, the relay answers every item request itself, as DynamoDB answers a table over its
     * capacity: HTTP 400 with {@code ProvisionedThroughputExceededException}, which dynalite never
     * sends (it has no capacity limits). The request does not reach dynalite. Table calls pass.
     *
     * @param on whether to throttle
     */
    public void throttle(boolean on) {
        relay.throttle = on;
    }

    /**
     * Holds back every reply of dynalite by {@code delay}: a slow store. Zero passes replies at once.
     *
     * @param delay the delay
     */
    public void replyDelay(Duration delay) {
        relay.replyDelay = delay;
    }

    /**
     * The endpoint URL as {@code SESSION_DYNAMODB} spells it, through the counting relay.
     *
     * @return {@code http://127.0.0.1:PORT}
     */
    public String endpoint() {
        return "http://127.0.0.1:" + relay.port();
    }

    /**
     * The endpoint of dynalite itself, without the relay, for benchmarks.
     *
     * @return {@code http://127.0.0.1:PORT}
     */
    public String directEndpoint() {
        return "http://127.0.0.1:" + process.port();
    }

    /**
     * The process, for code that stops and starts servers of any kind.
     *
     * @return the dynalite process
     */
    public ServerProcess process() {
        return process;
    }

    /**
     * The DynamoDB requests passed on through {@link #endpoint()} so far.
     *
     * @return the count, up to date when it returns: a request is counted before dynalite sees it
     */
    public long requests() {
        return relay.total.get();
    }

    /**
     * The requests passed on through {@link #endpoint()} so far that read or write items
     * ({@code GetItem}, {@code PutItem}, {@code UpdateItem}, {@code DeleteItem}, {@code Scan},
     * {@code Query} and the batch and transaction calls), leaving out the table's description,
     * creation and TTL calls of a backend's start-up.
     *
     * @return the count, up to date when it returns
     */
    public long itemRequests() {
        long count = 0;
        for (Map.Entry<String, AtomicLong> entry : relay.byOperation.entrySet()) {
            if (ITEM_OPERATIONS.contains(entry.getKey())) {
                count += entry.getValue().get();
            }
        }
        return count;
    }

    /**
     * The requests passed on so far, per operation.
     *
     * @return operation (such as {@code GetItem}) to count
     */
    public Map<String, Long> requestsByOperation() {
        Map<String, Long> counts = new TreeMap<>();
        relay.byOperation.forEach((operation, count) -> counts.put(operation, count.get()));
        return counts;
    }

    /** Kills dynalite (SIGKILL) and waits until it is gone; its data is lost. The relay stays. */
    public void stop() {
        process.stop();
    }

    /** Starts dynalite again, empty, on the same port, after {@link #stop()}. */
    public void restart() {
        process.start();
    }

    @Override
    public void close() {
        relay.close();
        process.close();
    }

    @Override
    public String toString() {
        return "dynalite on " + directEndpoint() + " (counted at " + endpoint() + ")";
    }

    /**
     * A loopback relay that reads each HTTP request's head, counts it by its {@code X-Amz-Target},
     * and passes it on with its body ({@code Content-Length}, as the SDK sends DynamoDB's JSON);
     * replies pass through untouched. Two daemon threads per connection.
     */
    private static final class CountingRelay implements AutoCloseable {

        private static final String TARGET = "x-amz-target:";

        private final int targetPort;
        private final ServerSocket listener;
        private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
        final AtomicLong total = new AtomicLong();
        final Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();
        volatile boolean throttle;
        volatile Duration replyDelay = Duration.ZERO;

        CountingRelay(int targetPort) {
            this.targetPort = targetPort;
            try {
                listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on loopback for the dynalite relay", e);
            }
            daemon(this::accept, "dynalite-relay-accept");
        }

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            while (!listener.isClosed()) {
                Socket client;
                try {
                    client = listener.accept();
                } catch (IOException e) {
                    return;
                }
                Socket target = new Socket();
                try {
                    target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                    client.setTcpNoDelay(true);
                    target.setTcpNoDelay(true);
                } catch (IOException e) {
                    closeQuietly(client); // dynalite is stopped: the client sees a closed connection
                    closeQuietly(target);
                    continue;
                }
                sockets.add(client);
                sockets.add(target);
                daemon(() -> requests(client, target), "dynalite-relay-request");
                daemon(() -> replies(target, client), "dynalite-relay-reply");
            }
        }

        private void requests(Socket from, Socket to) {
            try (InputStream in = new BufferedInputStream(from.getInputStream());
                 OutputStream out = to.getOutputStream()) {
                while (true) {
                    ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
                    long length = 0;
                    String operation = null;
                    for (String line = line(in, head); ; line = line(in, head)) {
                        if (line == null) {
                            return;
                        }
                        if (line.isEmpty()) {
                            break;
                        }
                        String lower = line.toLowerCase(Locale.ROOT);
                        if (lower.startsWith("content-length:")) {
                            length = Long.parseLong(line.substring(15).trim());
                        } else if (lower.startsWith(TARGET)) {
                            String value = line.substring(TARGET.length()).trim();
                            operation = value.substring(value.indexOf('.') + 1);
                        }
                    }
                    if (operation != null) {
                        byOperation.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
                        total.incrementAndGet();
                    }
                    boolean refuse = throttle && ITEM_OPERATIONS.contains(operation);
                    if (!refuse) {
                        head.writeTo(out);
                    }
                    byte[] buffer = new byte[16 * 1024];
                    while (length > 0) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
                        if (n < 0) {
                            return;
                        }
                        if (!refuse) {
                            out.write(buffer, 0, n);
                        }
                        length -= n;
                    }
                    if (refuse) {
                        throttled(from);
                    } else {
                        out.flush();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // one side closed, or a request this relay cannot read: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }

        /**
         * DynamoDB's answer to a request over the table's capacity, written to the client by the
         * request thread (the reply thread only relays dynalite's bytes, and none are due).
         */
        private static void throttled(Socket client) throws IOException {
            byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"The level of configured provisioned throughput for the table was exceeded."
                    + " Consider increasing your provisioning level with the UpdateTable API.\"}")
                    .getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "x-amzn-RequestId: throttled-by-the-test-relay\r\nContent-Length: " + body.length + "\r\n\r\n";
            OutputStream out = client.getOutputStream();
            synchronized (client) {
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            }
        }

        /** Reads one header line into {@code head} (CRLF included); null at the end of the stream. */
        private static String line(InputStream in, ByteArrayOutputStream head) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            for (int c = in.read(); ; c = in.read()) {
                if (c < 0) {
                    return null;
                }
                head.write(c);
                if (c == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(c);
            }
        }

        private void replies(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    Duration delay = replyDelay;
                    if (!delay.isZero()) {
                        Thread.sleep(delay.toMillis());
                    }
                    synchronized (to) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        @Override
        public void close() {
            closeQuietly(listener);
            sockets.forEach(CountingRelay::closeQuietly);
            sockets.clear();
        }

        private static void daemon(Runnable task, String name) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing for a test; nothing to report
            }
        }
    }
}
