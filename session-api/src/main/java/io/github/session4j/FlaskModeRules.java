package io.github.session4j;

import io.github.session4j.config.Problems;
import io.github.session4j.spi.FlaskRecordStore;
import io.github.session4j.spi.SessionInterfaceProvider;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * What {@code SESSION_RECORD_FORMAT=flask-session} cannot hold, refused at start-up: a Flask-Session
 * record is a plain map without MAC, encryption, creation time or frames, and only a backend that
 * stores Flask-Session's own records ({@link FlaskRecordStore}) can share them.
 */
final class FlaskModeRules {

    private FlaskModeRules() {
    }

    static void check(Problems p, CoreSettings s, SessionInterfaceProvider provider,
            Collection<SessionInterfaceProvider> all, boolean secretKey) {
        if (!s.flaskRecords()) {
            p.check(!s.useSigner(), () -> "SESSION_USE_SIGNER was 'true' but it signs Flask-Session's cookie: it needs"
                    + " SESSION_RECORD_FORMAT=flask-session (session4j's own cookie needs no signature: its records carry a MAC"
                    + " with SECRET_KEY)");
            return;
        }
        String mode = "SESSION_RECORD_FORMAT=flask-session";
        p.check(!s.encrypt(), () -> "SESSION_ENCRYPT was 'true' but " + mode + " stores Flask-Session's plain records,"
                + " which a Flask app could not read encrypted: unset SESSION_ENCRYPT or SESSION_RECORD_FORMAT");
        p.check(!s.deltaWrites(), () -> "SESSION_DELTA_WRITES was 'true' but " + mode + " stores whole Flask-Session"
                + " records, which have no delta frames: unset SESSION_DELTA_WRITES or SESSION_RECORD_FORMAT");
        p.check(s.absoluteLifetime().isEmpty(), () -> "SESSION_ABSOLUTE_LIFETIME is set but " + mode + " keeps no creation"
                + " time in the record (Flask-Session has none): unset SESSION_ABSOLUTE_LIFETIME or SESSION_RECORD_FORMAT");
        p.check(s.recordCache() == 0, () -> "SESSION_RECORD_CACHE is set but " + mode + " keeps no record cache:"
                + " unset SESSION_RECORD_CACHE or SESSION_RECORD_FORMAT");
        p.check(s.serializableClasses().isEmpty(), () -> "SESSION_SERIALIZABLE_CLASSES is set but " + mode
                + " holds only the values a Flask app can read (see FlaskRecordCodec): unset SESSION_SERIALIZABLE_CLASSES"
                + " or SESSION_RECORD_FORMAT");
        p.check(!s.useSigner() || secretKey, () -> "SESSION_USE_SIGNER was 'true' but SECRET_KEY is not set: set SECRET_KEY"
                + " to the Flask app's SECRET_KEY, or unset SESSION_USE_SIGNER");
        if (!provider.capabilities().contains(FlaskRecordStore.class)) {
            String able = all.stream().filter(o -> o.capabilities().contains(FlaskRecordStore.class))
                    .map(SessionInterfaceProvider::name).sorted().collect(Collectors.joining(", "));
            p.add(mode + " needs a backend that stores Flask-Session's own records, but the " + provider.name()
                    + " backend in use does not (on the filesystem, Flask-Session stores pickles, which session4j never reads)."
                    + (able.isEmpty() ? " No backend on the classpath can" : " Backends on the classpath that can: " + able)
                    + "; pick one with SESSION_TYPE or unset SESSION_RECORD_FORMAT.");
        }
    }
}
