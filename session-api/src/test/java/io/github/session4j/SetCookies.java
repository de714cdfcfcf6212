package io.github.session4j;

import static org.assertj.core.api.Assertions.assertThat;

/** What a commit's session cookie says, for tests of the manager. */
final class SetCookies {

    private SetCookies() {
    }

    /** The session ID the commit's {@code Set-Cookie} carries; fails when there is none. */
    static String id(CommitResult result) {
        String cookie = result.header("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie in " + result));
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    /** The commit's cookie's {@code Max-Age}; fails when there is none. */
    static long maxAge(CommitResult result) {
        String cookie = result.header("Set-Cookie").orElseThrow(() -> new AssertionError("no Set-Cookie in " + result));
        int at = cookie.indexOf("Max-Age=");
        assertThat(at).as("Max-Age in %s", cookie).isNotNegative();
        return Long.parseLong(cookie.substring(at + 8, cookie.indexOf(';', at)));
    }
}
