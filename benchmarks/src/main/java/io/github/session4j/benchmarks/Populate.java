package io.github.session4j.benchmarks;

import io.github.session4j.servers.FilesystemSideDoor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Bulk-loads live filler sessions (session4j's key layout, 1,100 bytes of data, one day to live)
 * for {@link ScaleBenchmark}, the fast way each store offers: Redis by pipelining {@code SET ...
 * PX} over one socket (what {@code redis-cli --pipe} does), PostgreSQL by one
 * {@code INSERT ... SELECT FROM generate_series} per 100,000 rows (generated in the server), the
 * filesystem by writing the backend's files directly, without the per-file fsync of a request.
 *
 * <p>Usage: {@code Populate BACKEND COUNT}; prints the seconds it took.
 */
public final class Populate {

    static final int FILLER_BYTES = 1100;
    private static final int SQL_BATCH = 100_000;

    private Populate() {
    }

    /**
     * Loads fillers.
     *
     * @param args backend and count
     */
    public static void main(String[] args) {
        long started = System.nanoTime();
        add(args[0], Integer.parseInt(args[1]));
        System.out.printf("%s: added %s sessions in %.1f s%n", args[0], args[1], (System.nanoTime() - started) / 1e9);
    }

    /**
     * Adds live filler sessions to a store.
     *
     * @param backend {@code redis}, {@code jdbc} or {@code filesystem}
     * @param count how many
     */
    static void add(String backend, int count) {
        // session4j creates its table / directory at start-up: open it once first
        Targets.open("session4j-" + backend, 16).close();
        switch (backend) {
            case "redis" -> redis(count);
            case "jdbc" -> jdbc(count);
            case "filesystem" -> files(Path.of(Targets.session4jSettings("filesystem").get("SESSION_FILE_DIR")), count);
            default -> throw new IllegalArgumentException("cannot populate " + backend);
        }
    }

    /**
     * A session4j-like store key: the prefix and 43 random base64url characters.
     *
     * @param random the source
     * @return the key
     */
    static String fillerKey(SplittableRandom random) {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        return "session:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    /**
     * Writes live filler sessions straight into the session directory in session-filesystem's
     * documented layout ({@link FilesystemSideDoor#plant}), without the fsync a request pays: the
     * bulk load of a million sessions, which through the backend (two fsyncs per file, about 3 ms
     * here) would take most of an hour.
     */
    private static void files(Path root, int count) {
        FilesystemSideDoor files = new FilesystemSideDoor(root, Clock.systemUTC());
        SplittableRandom random = new SplittableRandom();
        long expiresAt = System.currentTimeMillis() + RawRecord.TTL_SECONDS * 1000;
        for (int i = 0; i < count; i++) {
            byte[] record = new byte[FILLER_BYTES];
            random.nextBytes(record);
            files.plant(fillerKey(random), random.nextLong(1, Long.MAX_VALUE), expiresAt, record);
        }
    }

    private static void redis(int count) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Servers.redisPort()));
            CompletableFuture<Void> replies = CompletableFuture.runAsync(() -> drainReplies(socket, count));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            SplittableRandom random = new SplittableRandom();
            byte[] value = new byte[FILLER_BYTES];
            byte[] ttl = Long.toString(RawRecord.TTL_SECONDS * 1000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < count; i++) {
                random.nextBytes(value);
                bulkCommand(out, "SET".getBytes(StandardCharsets.US_ASCII), fillerKey(random).getBytes(StandardCharsets.US_ASCII),
                        value, "PX".getBytes(StandardCharsets.US_ASCII), ttl);
            }
            out.flush();
            replies.join();
        } catch (IOException e) {
            throw new UncheckedIOException("pipelining fillers into Redis failed", e);
        }
    }

    private static void bulkCommand(OutputStream out, byte[]... parts) throws IOException {
        out.write(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] part : parts) {
            out.write(("$" + part.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.write('\r');
            out.write('\n');
        }
    }

    /** Reads one reply line per command; every one must be {@code +OK}. */
    private static void drainReplies(Socket socket, int count) {
        try {
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
            StringBuilder line = new StringBuilder();
            int seen = 0;
            while (seen < count) {
                int c = in.read();
                if (c < 0) {
                    throw new IllegalStateException("Redis closed the connection after " + seen + " of " + count + " replies");
                }
                if (c == '\n') {
                    if (!line.toString().equals("+OK\r")) {
                        throw new IllegalStateException("Redis answered '" + line.toString().trim() + "' to a filler SET");
                    }
                    line.setLength(0);
                    seen++;
                } else {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void jdbc(int count) {
        String sql = "INSERT INTO sessions (id, data, version, expires_at)"
                + " SELECT 'session:' || rtrim(translate(encode(sha256((? || '-' || i)::bytea), 'base64'), '+/', '-_'), '='),"
                + " substring(convert_to(repeat(md5(random()::text), 35), 'UTF8') for " + FILLER_BYTES + "),"
                + " 1, ? FROM generate_series(1, ?) AS i";
        String batchSeed = Long.toString(System.nanoTime());
        try (Connection c = Servers.postgres().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int done = 0; done < count; done += SQL_BATCH) {
                s.setString(1, batchSeed + "-" + done);
                s.setLong(2, System.currentTimeMillis() + RawRecord.TTL_SECONDS * 1000);
                s.setInt(3, Math.min(SQL_BATCH, count - done));
                s.executeUpdate();
            }
            // Settle the table before it is measured: left alone, autovacuum's pass over the new rows
            // and the checkpoints their WAL forces run during the measurement that follows.
            try (var settle = c.createStatement()) {
                settle.execute("VACUUM (ANALYZE) sessions");
                settle.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bulk insert into sessions failed: " + e.getMessage(), e);
        }
    }
}
