package io.github.session4j.spring;

import io.github.session4j.SessionBackendException;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows a start-up failure of session4j as Boot's "APPLICATION FAILED TO START" report: the
 * library's own message (every invalid or unknown setting, or the store that could not be reached,
 * secrets masked) instead of a chain of bean creation exceptions.
 */
public final class SessionStartupFailureAnalyzer extends AbstractFailureAnalyzer<SessionException> {

    /** Created by Spring Boot, from {@code META-INF/spring.factories}. */
    public SessionStartupFailureAnalyzer() {
        // Boot instantiates failure analyzers
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SessionException cause) {
        if (cause instanceof PrincipalIndexMissingException) {
            return new FailureAnalysis("session4j cannot keep sessions by user with this backend:\n" + cause.getMessage(),
                    "Choose a backend that keeps the principal index (session.type), or remove the feature named above.",
                    cause);
        }
        if (cause instanceof SessionConfigException) {
            return new FailureAnalysis("session4j's configuration is invalid:\n" + cause.getMessage(),
                    "Correct the session4j settings named above (session.* or SESSION_* in application.properties or"
                            + " .yaml, the environment or system properties).", cause);
        }
        if (cause instanceof SessionBackendException) {
            return new FailureAnalysis("session4j could not reach its session store:\n" + cause.getMessage(),
                    "Start the store or correct its location (session.redis, session.jdbc.url, spring.data.redis.*"
                            + " or spring.datasource.*).", cause);
        }
        return null;
    }
}
