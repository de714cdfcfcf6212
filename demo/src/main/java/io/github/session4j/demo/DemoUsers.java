package io.github.session4j.demo;

import java.util.Map;
import java.util.Optional;

/**
 * The demo's two users. Only salted PBKDF2 hashes are kept here; the passwords are printed on the
 * sign-in page and in the README, because this is a demo.
 */
final class DemoUsers {

    private static final Map<String, String> HASHES = Map.of(
            "ada", "pbkdf2-sha512$210000$Q6xQjNRrFLQZUPjRdY74Xw==$"
                    + "oA3/qGXXy8hKSMaprP7E+saAC4MSwubHHJtZXEE88Z0TM9hta+crYeedu1GY9PNogaU1Qmk/FTJucebsYdBAvw==",
            "grace", "pbkdf2-sha512$210000$bqh1bPSrbD7xjccZqppOhA==$"
                    + "d2jru+0gkQDiIsf7ZGp/SenvqSdZ4vS6QtmNBnEq1GU+eAiTbpEAARrExdIt0Ke+o0H9Oq5N/hdqOLUPkkljug==");

    /** A hash that matches no password, checked for unknown users so that they take as long as known ones. */
    private static final String NO_USER = "pbkdf2-sha512$210000$AAAAAAAAAAAAAAAAAAAAAA==$"
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

    private DemoUsers() {
    }

    /**
     * Checks a user name and password.
     *
     * @return the user name when the password is right
     */
    static Optional<String> authenticate(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        String hash = HASHES.getOrDefault(user, NO_USER);
        boolean matches = PasswordHash.matches(password.toCharArray(), hash);
        return matches && HASHES.containsKey(user) ? Optional.of(user) : Optional.empty();
    }
}
