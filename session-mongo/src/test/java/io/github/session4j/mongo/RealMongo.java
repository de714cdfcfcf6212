package io.github.session4j.mongo;

import java.util.Optional;

/**
 * Where the optional real MongoDB is: the environment variable {@value #VARIABLE}. MongoDB has no
 * Debian package, so the mandatory runs use mongo-java-server; this is the one place where a
 * missing server skips tests instead of failing them (DESIGN.md §7).
 */
final class RealMongo {

    /** The environment variable that holds the connection string of a real MongoDB. */
    static final String VARIABLE = "SESSION_TEST_MONGODB_URI";

    /** Why the real-MongoDB tests did not run. */
    static final String NOT_SET = VARIABLE + " is not set, so the tests against a real MongoDB did NOT run"
            + " (only mongo-java-server was tested). To run them, start a MongoDB and set " + VARIABLE
            + ", e.g. " + VARIABLE + "=mongodb://127.0.0.1:27017; they use a database of their own"
            + " (session4j_test_<random>) and drop it.";

    private RealMongo() {
    }

    /**
     * The connection string, when given.
     *
     * @return the value of {@value #VARIABLE}, if set and not blank
     */
    static Optional<String> uri() {
        return Optional.ofNullable(System.getenv(VARIABLE)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
