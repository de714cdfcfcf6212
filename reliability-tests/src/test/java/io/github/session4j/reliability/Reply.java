package io.github.session4j.reliability;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP response as the tests look at it.
 *
 * @param status the status code
 * @param body the body as text
 * @param headers the response headers
 */
record Reply(int status, String body, HttpHeaders headers) {

    /** @return the session cookie's {@code Set-Cookie} value, if any */
    Optional<String> setCookie() {
        List<String> cookies = headers.allValues("Set-Cookie");
        if (cookies.size() > 1) {
            throw new AssertionError("more than one Set-Cookie: " + cookies);
        }
        return cookies.stream().findFirst();
    }

    /** @return the session ID the response hands out; fails when it hands out none */
    String newId() {
        String cookie = setCookie().orElseThrow(() -> new AssertionError("no Set-Cookie in a " + status
                + " response with body '" + body + "'"));
        String id = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        if (id.isEmpty()) {
            throw new AssertionError("the response deletes the cookie instead of handing out an ID: " + cookie);
        }
        SuiteCapture.sessionId(id);
        return id;
    }

    /** @return whether the response tells the browser to drop the session cookie */
    boolean deletesCookie() {
        return setCookie().map(c -> c.contains("Max-Age=0")).orElse(false);
    }
}
