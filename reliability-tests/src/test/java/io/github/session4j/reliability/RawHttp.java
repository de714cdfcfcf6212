package io.github.session4j.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one HTTP/1.1 request written byte for byte by the test, for headers that
 * {@code java.net.http} refuses to send (NUL, CR/LF, non-ASCII), and reads the status line and
 * the headers of the reply.
 */
final class RawHttp {

    /**
     * What came back.
     *
     * @param status the status code, or -1 when the server closed the connection without a reply
     * @param head the status line and headers
     */
    record RawReply(int status, String head) {
        /** @return whether the reply sets a cookie */
        boolean setsCookie() {
            return head.toLowerCase(java.util.Locale.ROOT).contains("\nset-cookie:");
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code GET path} with one {@code Cookie} header whose value is {@code cookieValue}
     * (raw bytes, anything goes).
     *
     * @param port the app's port
     * @param path the path
     * @param cookieValue the header value's bytes
     * @return the reply
     */
    static RawReply getWithCookie(int port, String path, byte[] cookieValue) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: ")
                    .getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(cookieValue);
            request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(request.toByteArray());
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawReply read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        try {
            for (int b = in.read(); b != -1; b = in.read()) {
                head.write(b);
                last4 = (last4 << 8) | b;
                if (last4 == 0x0d0a0d0a) {
                    break;
                }
            }
        } catch (java.net.SocketException e) {
            // reset by the server: treated as no reply below
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ")) {
            return new RawReply(-1, text);
        }
        return new RawReply(Integer.parseInt(text.substring(9, 12)), text);
    }
}
