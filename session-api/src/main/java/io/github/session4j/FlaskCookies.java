package io.github.session4j;

import io.github.session4j.flask.FlaskCookieSigner;

/**
 * The session cookie's value for an ID, and the ID in a presented value: the ID itself, or with
 * {@code SESSION_USE_SIGNER=true} (SESSION_RECORD_FORMAT=flask-session) Flask-Session's signed
 * value. A value whose signature fails gives no ID, so it is "no session" with no store call.
 */
final class FlaskCookies {

    private final FlaskCookieSigner signer;

    FlaskCookies(CoreSettings settings) {
        this.signer = settings.flaskRecords() && settings.useSigner() && settings.secretKey().isPresent()
                ? new FlaskCookieSigner(settings.secretKey().get(), settings.secretKeyFallbacks()) : null;
    }

    String valueOf(String id) {
        return signer == null ? id : signer.sign(id);
    }

    /** The ID in a presented cookie value, or null when its signature fails. */
    String idOf(String value) {
        return signer == null ? value : signer.unsign(value).orElse(null);
    }
}
