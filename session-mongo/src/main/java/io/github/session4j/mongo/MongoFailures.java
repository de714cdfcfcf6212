package io.github.session4j.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import io.github.session4j.SessionBackendException;
import java.time.Duration;
import org.bson.BSONException;

/**
 * Turns the driver's exceptions into {@link SessionBackendException}s whose message says what
 * failed, where (password masked) and what to check. Never includes a store key.
 */
final class MongoFailures {

    /** MongoDB's code for "not authorized". */
    private static final int UNAUTHORIZED = 13;

    private final MongoSettings settings;

    /**
     * Creates the translator for one backend.
     *
     * @param settings the backend's settings, for the target and the timeout
     */
    MongoFailures(MongoSettings settings) {
        this.settings = settings;
    }

    /**
     * Describes a failed operation.
     *
     * @param operation what was being done, such as {@code load a session}
     * @param failure the driver's exception
     * @return the exception to throw
     */
    SessionBackendException of(String operation, RuntimeException failure) {
        return new SessionBackendException("MongoDB could not " + operation + " in " + settings.describe() + ": "
                + reason(failure) + ". " + advice(failure), failure);
    }

    /**
     * Whether a failure is one this class describes: the driver's and BSON's exceptions.
     *
     * @param failure an exception thrown by the driver
     * @return true if {@link #of} should wrap it
     */
    static boolean isDriverFailure(RuntimeException failure) {
        return failure instanceof MongoException || failure instanceof BSONException;
    }

    private String reason(RuntimeException failure) {
        if (failure instanceof MongoTimeoutException) {
            return "no usable server answered within " + format(settings.timeout()) + " ("
                    + MongoSettings.mask(String.valueOf(failure.getMessage())) + ")";
        }
        String name = failure.getClass().getSimpleName();
        return name + ": " + MongoSettings.mask(String.valueOf(failure.getMessage()));
    }

    private String advice(RuntimeException failure) {
        if (failure instanceof MongoTimeoutException || failure instanceof MongoSocketException) {
            return "Check that MongoDB runs and is reachable at the hosts of " + MongoSettings.MONGODB + "; "
                    + MongoSettings.TIMEOUT + " (now " + format(settings.timeout()) + ") bounds each wait and "
                    + MongoSettings.CONNECT_TIMEOUT + " (now " + format(settings.connectTimeout())
                    + ") each connection attempt";
        }
        if (failure instanceof MongoSecurityException) {
            return "Check the user, password and authSource in " + MongoSettings.MONGODB;
        }
        if (failure instanceof MongoCommandException command && command.getErrorCode() == UNAUTHORIZED) {
            return "Grant the user readWrite on database " + settings.database();
        }
        if (failure instanceof MongoWriteException || failure instanceof BSONException) {
            return "The server refused the document; a session record must stay well below MongoDB's 16MiB"
                    + " document limit (see SESSION_MAX_SIZE)";
        }
        return "Check the server's log and its state";
    }

    /**
     * Formats a duration the way settings spell it.
     *
     * @param duration the duration
     * @return such as {@code 5s} or {@code 1500ms}
     */
    static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
