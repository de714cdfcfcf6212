package io.github.session4j.dynamodb;

import io.github.session4j.servers.DynaliteServer;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the tests' DynamoDB is: dynalite (the mandatory runs), or the real DynamoDB named by
 * {@value #ENDPOINT} (and {@value #REGION}), the one place where a missing server skips tests instead
 * of failing them (DESIGN.md §7), as MongoDB's real-server runs do.
 */
final class TestTables {

    /** The environment variable that holds the endpoint of a real DynamoDB. */
    static final String ENDPOINT = "SESSION_TEST_DYNAMODB_ENDPOINT";

    /** The environment variable that holds its region (default: AWS_REGION, else us-east-1). */
    static final String REGION = "SESSION_TEST_DYNAMODB_REGION";

    /** Why the real-DynamoDB tests did not run. */
    static final String NOT_SET = ENDPOINT + " is not set, so the tests against a real DynamoDB did NOT run (only"
            + " dynalite was tested). To run them, set " + ENDPOINT + ", e.g. " + ENDPOINT
            + "=https://dynamodb.eu-west-1.amazonaws.com with " + REGION + "=eu-west-1, and credentials for the SDK's"
            + " default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE); they create tables of"
            + " their own (session4j_test_<random>, on-demand) and delete them.";

    private TestTables() {
    }

    /**
     * The endpoint of the real DynamoDB, when given.
     *
     * @return the value of {@value #ENDPOINT}, if set and not blank
     */
    static Optional<String> realEndpoint() {
        return Optional.ofNullable(System.getenv(ENDPOINT)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * The region of the real DynamoDB.
     *
     * @return {@value #REGION}, else {@code AWS_REGION}, else {@code us-east-1}
     */
    static String realRegion() {
        return Optional.ofNullable(System.getenv(REGION)).or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                .map(String::trim).filter(v -> !v.isEmpty()).orElse(DynaliteServer.REGION);
    }

    /**
     * A table name of a test's own.
     *
     * @param what a short word, such as {@code kit}
     * @return such as {@code session4j_test_kit_1f3a...}
     */
    static String newName(String what) {
        return "session4j_test_" + what + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }
}
