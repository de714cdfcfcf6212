/**
 * {@code SESSION_RECORD_FORMAT=flask-session}: the records and signed cookies of Flask-Session 0.8,
 * so that a Flask application and a Java application on the same store share each session.
 *
 * <p>{@link io.github.session4j.flask.FlaskRecordCodec} writes and reads the stored value (a plain
 * msgpack or JSON map, as msgspec writes it, with Flask's {@code _permanent}) and documents which
 * Java values it holds; {@link io.github.session4j.flask.FlaskCookieSigner} signs and checks the
 * cookie as itsdangerous does with {@code SESSION_USE_SIGNER=True}.
 */
package io.github.session4j.flask;
