/**
 * How sessions are stored as bytes: the closed-world {@link io.github.session4j.codec.SessionCodec}s
 * ({@code msgpack}, the default, and {@code json}), explicit {@link
 * io.github.session4j.codec.ValueType} registrations for other types, and the versioned, signed or
 * encrypted envelope of {@link io.github.session4j.codec.RecordFormat}.
 */
package io.github.session4j.codec;
