package io.github.session4j.spi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Capability of a backend that, under {@code SESSION_RECORD_FORMAT=flask-session}, stores exactly
 * Flask-Session 0.8's records: the value under {@code SESSION_KEY_PREFIX} + the raw session ID, in
 * Flask-Session's layout for that store, with no version of its own beside it. A provider declares
 * it in {@link SessionInterfaceProvider#capabilities()}; start-up refuses the flask-session format
 * on a backend whose provider does not.
 *
 * <p>Such a backend's {@link StoredRecord#version()} is a digest of the stored bytes (such as
 * {@link #versionOf}, which Redis' Lua computes too; a SQL backend may use a digest its database has), and
 * a {@link RecordWrite.Replace} writes only where the stored bytes still have that version (compared
 * in the store: a Lua script, a {@code WHERE} clause), so Java instances never lose each other's
 * updates while a Flask application's writes stay plain overwrites. A replace with an empty record
 * (the core's tombstone of a regenerated session) deletes the record under the same condition, as
 * Flask-Session reads no empty record.
 */
public interface FlaskRecordStore {

    /**
     * The version of stored bytes: the first 8 bytes of their SHA-1, big-endian, which Redis' Lua
     * {@code redis.sha1hex} computes in the store as well.
     *
     * @param bytes the stored bytes
     * @return the version
     */
    static long versionOf(byte[] bytes) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(bytes);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (sha1[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }

    /**
     * {@link #versionOf} as 16 lower-case hex digits, as {@code string.sub(redis.sha1hex(v), 1, 16)}.
     *
     * @param version a version
     * @return its hex form
     */
    static String hex(long version) {
        return String.format("%016x", version);
    }
}
