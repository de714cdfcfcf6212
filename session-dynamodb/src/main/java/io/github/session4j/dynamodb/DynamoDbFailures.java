package io.github.session4j.dynamodb;

import io.github.session4j.SessionBackendException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Turns the SDK's exceptions into {@link SessionBackendException}s whose message says what failed,
 * where, after how many attempts, and what to check. Never includes a store key or a credential
 * (the SDK's own messages hold neither).
 */
final class DynamoDbFailures {

    private final DynamoDbSettings settings;

    /**
     * Creates the translator for one backend.
     *
     * @param settings the backend's settings, for the table, the endpoint and the timeouts
     */
    DynamoDbFailures(DynamoDbSettings settings) {
        this.settings = settings;
    }

    /**
     * Describes a failed call.
     *
     * @param operation what was being done, such as {@code load a session}
     * @param failure the SDK's exception
     * @return the exception to throw
     */
    SessionBackendException of(String operation, SdkException failure) {
        return new SessionBackendException("DynamoDB could not " + operation + " in " + settings.describe() + ": "
                + reason(failure) + ". " + advice(failure), failure);
    }

    /**
     * Whether a throttling error: DynamoDB's {@code ProvisionedThroughputExceededException},
     * {@code RequestLimitExceeded}, {@code ThrottlingException} or an HTTP 429.
     *
     * @param failure the SDK's exception
     * @return true if the service refused the call for its rate
     */
    static boolean isThrottling(SdkException failure) {
        return failure instanceof AwsServiceException service && service.isThrottlingException();
    }

    private String reason(SdkException failure) {
        String attempts = failure.numAttempts() == null ? "" : " after " + failure.numAttempts()
                + (failure.numAttempts() == 1 ? " attempt" : " attempts");
        if (failure instanceof ApiCallTimeoutException) {
            return "no answer within " + format(settings.timeout()) + attempts;
        }
        if (failure instanceof ApiCallAttemptTimeoutException) {
            return "an attempt had no answer within " + format(settings.timeout()) + attempts;
        }
        if (isThrottling(failure)) {
            return "throttled (" + code(failure) + ")" + attempts;
        }
        if (failure instanceof AwsServiceException service) {
            return code(failure) + " (HTTP " + service.statusCode() + "): " + message(failure) + attempts;
        }
        Throwable cause = rootCause(failure);
        if (cause != failure && cause instanceof IOException) {
            return cause.getClass().getSimpleName() + ": " + cause.getMessage() + attempts;
        }
        return failure.getClass().getSimpleName() + ": " + message(failure) + attempts;
    }

    private String advice(SdkException failure) {
        if (isThrottling(failure)) {
            return "The table's capacity is exhausted: switch it to on-demand (PAY_PER_REQUEST) or raise its"
                    + " provisioned capacity; " + DynamoDbSettings.MAX_ATTEMPTS + " (now " + settings.maxAttempts()
                    + ") bounds the retries and " + DynamoDbSettings.TIMEOUT + " (now " + format(settings.timeout())
                    + ") the whole call";
        }
        if (failure instanceof ResourceNotFoundException) {
            return "Create the table (or set " + DynamoDbSettings.CREATE_TABLE + "=true) and check "
                    + DynamoDbSettings.TABLE + " and the region";
        }
        if (failure instanceof AwsServiceException service && (service.statusCode() == 403
                || "UnrecognizedClientException".equals(code(failure)))) {
            return "Check the credentials the SDK's default chain finds (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                    + " AWS_PROFILE, a role) and that they may use the table";
        }
        if (failure instanceof AwsServiceException) {
            return "Check the table and the service's answer";
        }
        if (failure instanceof SdkClientException && String.valueOf(failure.getMessage()).contains("credentials")) {
            return "The SDK's default chain found no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                    + " AWS_PROFILE, or run with a role (any values for dynalite)";
        }
        return "Check that DynamoDB is reachable" + settings.endpoint().map(e -> " at " + DynamoDbSettings.DYNAMODB)
                .orElse(" in the region") + "; " + DynamoDbSettings.TIMEOUT + " (now " + format(settings.timeout())
                + ") bounds each call and " + DynamoDbSettings.CONNECT_TIMEOUT + " (now "
                + format(settings.connectTimeout()) + ") each connection attempt";
    }

    /**
     * Whether a failure means the endpoint could not be reached at all (refused, unknown host, no
     * answer), as opposed to an answer that refused the call.
     *
     * @param failure the SDK's exception
     * @return true for a network failure or a timeout
     */
    static boolean isUnreachable(SdkException failure) {
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        Throwable cause = rootCause(failure);
        return cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof SocketTimeoutException;
    }

    private static String code(SdkException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return failure.getClass().getSimpleName();
    }

    private static String message(SdkException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return String.valueOf(failure.getMessage());
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Formats a duration the way settings spell it.
     *
     * @param duration the duration
     * @return such as {@code 2s} or {@code 1500ms}
     */
    static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
