package io.github.session4j.codec;


import io.github.session4j.SessionConfig;
import io.github.session4j.SessionConfigException;
import io.github.session4j.SessionEncodingException;
import io.github.session4j.codec.UnreadableRecordException.Reason;
import io.github.session4j.config.CoreKeys;
import io.github.session4j.flask.FlaskRecordCodec;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The versioned envelope around a codec's payload: what is stored under a session's key.
 *
 * <p>Layout (integers big-endian):
 * <pre>
 * header  "S4J" (3 bytes) | version | flags | codec (1 = msgpack, 2 = json)
 * body    createdAt seconds (8) | createdAt nanos (4) | permanent (1: 0 or 1) | payload length (4) | payload
 * body 3  createdAt seconds (8) | createdAt nanos (4) | permanent (1) | extension section | payload length (4) | payload
 * plain:  header | body | frames...                          (no SECRET_KEY)
 * signed: header | body | HMAC-SHA256 (32) | frames...       (flags bit 0; SECRET_KEY set)
 * sealed: header | salt (16) | nonce (12) | AES-256-GCM(body) | tag (16)   (flags bit 1; SESSION_ENCRYPT=true)
 * </pre>
 * Frames may follow only a plain or signed record of version 2 or 3. Version 3 is written only
 * for a record with {@linkplain SessionRecord#extensions() extension values} (a principal, a
 * sign-in time, an idle timeout), in every mode; its body holds an extension section of tagged
 * fields, where a tag of 128 or more is critical (a reader that does not know it refuses the
 * record) and an unknown tag under 128 is skipped (see CODECS.md). A record without extension
 * values is written exactly as before version 3 existed: version 2 when
 * {@code SESSION_DELTA_WRITES=true} (plain and signed records), otherwise version 1, which every
 * session4j reads. The MAC, or the seal, covers the extension section as the rest of the body.
 * Version 2 lets delta frames follow a plain or signed record: a small change to a large session
 * is stored by appending a frame ({@link #writeDelta}, for backends that implement
 * {@link io.github.session4j.spi.RecordAppender}) instead of rewriting the record, and
 * {@link #read} applies the frames in order. Each frame of a signed record carries a MAC chained to
 * the one before it, so frames cannot be changed, reordered or moved to another record; dropping
 * the last frames would roll the session back to an earlier state of itself, which replacing the
 * whole record with an older copy could do as well. Encrypted records keep version 1 (3 with
 * extension values) and are always rewritten whole. All three versions are always read, so
 * {@code SESSION_DELTA_WRITES} can be switched on once every instance runs a session4j that reads
 * version 2, and off again at any time; an application that sets extension values needs every
 * instance to read version 3.
 * The MAC covers the store key (length-prefixed) and every byte before the MAC, so a record
 * cannot be altered nor moved to another key; it is compared in constant time against
 * {@code SECRET_KEY} and then each of {@code SECRET_KEY_FALLBACKS}. A sealed record's AES key is
 * derived with HKDF-SHA256 from the secret and the record's random salt, and the store key, header,
 * salt and nonce are its additional authenticated data. Keys for both are derived from the secret
 * with HKDF-SHA256, never used raw.
 *
 * <p>Reading refuses, with an {@link UnreadableRecordException}: a record over
 * {@code SESSION_MAX_SIZE}; a record without a MAC when {@code SECRET_KEY} is set (a downgrade);
 * a record with one when no key is set; one whose MAC or tag fails. The payload is decoded only
 * after the MAC has verified. The codec is taken from the record, so records written before a
 * change of {@code SESSION_SERIALIZATION_FORMAT} stay readable.
 *
 * <p>Settings read by {@link #create}:
 * <ul>
 *   <li>{@code SESSION_SERIALIZATION_FORMAT}: {@code msgpack} (default) or {@code json};</li>
 *   <li>{@code SECRET_KEY}: when set, records are signed (or sealed);</li>
 *   <li>{@code SECRET_KEY_FALLBACKS}: comma-separated older keys, accepted when reading;</li>
 *   <li>{@code SESSION_MAX_SIZE}: the cap on a whole encoded record, in bytes or with a
 *       {@code KB}/{@code MB} suffix (1 KB = 1024 bytes), 256 bytes to 64MB, default 524288;</li>
 *   <li>{@code SESSION_MAX_DEPTH}: the nesting cap, 1 to 256, default 32;</li>
 *   <li>{@code SESSION_ENCRYPT}: {@code true} to seal records with AES-256-GCM (needs
 *       {@code SECRET_KEY}), default {@code false};</li>
 *   <li>{@code SESSION_DELTA_WRITES}: {@code true} to write version 2 records and store small
 *       changes to them as delta frames ({@link #writeDelta}), default {@code false}.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RecordFormat {

    private static final byte[] MAGIC = {'S', '4', 'J'};
    /** Sealed records, and every record written before delta frames existed: nothing may follow the record. */
    private static final int VERSION_WHOLE = 1;
    /** Plain and signed records: delta frames may follow the record. */
    private static final int VERSION_DELTAS = 2;
    /**
     * Records with extension values, in every mode: the body holds an extension section before the
     * payload, and delta frames may follow a plain or signed record.
     */
    private static final int VERSION_EXTENDED = 3;
    private static final byte FRAME_MARK = 'D';
    private static final int FRAME_FIXED_LENGTH = 1 + 4 + 4;
    /**
     * A record takes at least this many frames before it is rewritten whole, and one more per
     * {@value #BASE_BYTES_PER_FRAME} bytes of record up to {@link #MAX_FRAMES}: a whole rewrite costs
     * in proportion to the record, each frame costs every later reader a decode and a MAC, so a
     * larger record takes more frames between its rewrites.
     */
    static final int MIN_FRAMES = 8;
    /** The record length that earns one more frame between whole rewrites, above {@link #MIN_FRAMES}. */
    static final int BASE_BYTES_PER_FRAME = 2048;
    /** No record takes more frames than this before it is rewritten whole. */
    static final int MAX_FRAMES = 32;
    /** Smaller records are always rewritten whole: a delta would save next to nothing. */
    static final int MIN_DELTA_BASE = 4096;
    /**
     * A reader refuses a record with more frames than this: no writer makes more than
     * {@link #MAX_FRAMES}, and each costs a decode and a MAC; the margin lets a later version raise
     * {@code MAX_FRAMES} without older readers refusing its records.
     */
    static final int MAX_FRAMES_READ = 64;
    private static final int FLAG_SIGNED = 1;
    private static final int FLAG_SEALED = 2;
    private static final int HEADER_LENGTH = MAGIC.length + 3;
    private static final int BODY_FIXED_LENGTH = 8 + 4 + 1 + 4;
    private static final int CODEC_MSGPACK = 1;
    private static final int CODEC_JSON = 2;

    private final RecordSettings settings;
    private final JacksonSessionCodec codec;
    private final int codecId;
    private final JacksonSessionCodec[] codecsById;
    private final RecordSeal seal;
    /** Set under SESSION_RECORD_FORMAT=flask-session: records are Flask-Session's plain maps instead. */
    private final FlaskRecordCodec flask;

    private RecordFormat(RecordSettings settings, ValueTypes types) {
        this.settings = settings;
        SerializableDoor door = settings.serializableClasses().isEmpty() ? null
                : new SerializableDoor(settings.serializableClasses(), settings.maxSize());
        JacksonSessionCodec msgpack = JacksonSessionCodec.msgpack(types, settings.maxDepth(), settings.maxSize(), door);
        JacksonSessionCodec json = JacksonSessionCodec.json(types, settings.maxDepth(), settings.maxSize(), door);
        this.codecsById = new JacksonSessionCodec[] {null, msgpack, json};
        this.codecId = settings.format().equals("json") ? CODEC_JSON : CODEC_MSGPACK;
        this.codec = codecsById[codecId];
        List<RecordKey> keys = new ArrayList<>();
        settings.secretKey().ifPresent(secret -> keys.add(new RecordKey(secret)));
        settings.fallbackKeys().forEach(secret -> keys.add(new RecordKey(secret)));
        this.seal = new RecordSeal(keys);
        this.flask = null;
    }

    private RecordFormat(RecordSettings settings, ValueTypes types, FlaskRecordCodec flask) {
        this.settings = settings;
        JacksonSessionCodec msgpack = JacksonSessionCodec.msgpack(types, settings.maxDepth(), settings.maxSize(), null);
        this.codecsById = new JacksonSessionCodec[] {null, msgpack, msgpack};
        this.codecId = CODEC_MSGPACK;
        this.codec = msgpack;
        this.seal = new RecordSeal(List.of());
        this.flask = flask;
    }

    /**
     * Creates the format from the settings listed in the class description.
     *
     * @param config the configuration
     * @param extraTypes the registered value types, or {@link ValueTypes#none()}
     * @return the format
     * @throws SessionConfigException naming every invalid setting (secrets masked)
     */
    public static RecordFormat create(SessionConfig config, ValueTypes extraTypes) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(extraTypes, "extraTypes");
        RecordSettings settings = RecordSettings.from(config);
        if ("flask-session".equals(CoreKeys.SESSION_RECORD_FORMAT.read(config))) {
            return new RecordFormat(settings, extraTypes,
                    new FlaskRecordCodec(settings.format(), settings.maxDepth(), settings.maxSize()));
        }
        return new RecordFormat(settings, extraTypes);
    }

    /**
     * The codec new records are written with.
     *
     * @return the configured codec
     */
    public SessionCodec codec() {
        return codec;
    }

    /**
     * The cap on a whole encoded record ({@code SESSION_MAX_SIZE}).
     *
     * @return the cap, in bytes
     */
    public int maxSize() {
        return settings.maxSize();
    }

    /**
     * Encodes a record for a store key, signed or sealed when {@code SECRET_KEY} is set.
     *
     * @param storeKey the key the record is stored under (it is bound into the MAC)
     * @param record the record
     * @return the bytes to store
     * @throws SessionEncodingException if a value is not storable (the message names its key path
     *     and type) or the record is over {@code SESSION_MAX_SIZE}
     */
    public byte[] write(String storeKey, SessionRecord record) {
        if (flask != null) {
            return flask.encode(record);
        }
        byte[] boundKey = RecordSeal.bind(Objects.requireNonNull(storeKey, "storeKey"));
        Objects.requireNonNull(record, "record");
        int flags = settings.encrypt() ? FLAG_SEALED : seal.hasKey() ? FLAG_SIGNED : 0;
        // without extension values, a record is written exactly as before version 3 existed
        int version = !record.extensions().isEmpty() ? VERSION_EXTENDED
                : settings.deltaWrites() && !settings.encrypt() ? VERSION_DELTAS : VERSION_WHOLE;
        byte[] header = header(version, flags);
        if (settings.encrypt()) {
            BoundedOutput body = new BoundedOutput(settings.maxSize());
            writeBody(body, record);
            checkSize(header.length + RecordSeal.SEAL_OVERHEAD + body.count());
            byte[] sealed = seal.seal(boundKey, header, body.toByteArray());
            byte[] out = Arrays.copyOf(header, header.length + sealed.length);
            System.arraycopy(sealed, 0, out, header.length, sealed.length);
            return out;
        }
        BoundedOutput out = new BoundedOutput(settings.maxSize());
        out.write(header, 0, header.length);
        writeBody(out, record);
        int macLength = seal.hasKey() ? RecordKey.MAC_LENGTH : 0;
        checkSize(out.count() + macLength);
        byte[] bytes = out.toByteArray(macLength);
        if (seal.hasKey()) {
            byte[] mac = seal.sign(boundKey, bytes, (int) out.count());
            System.arraycopy(mac, 0, bytes, (int) out.count(), macLength);
        }
        return bytes;
    }

    /**
     * Decodes a stored record, after checking its MAC or tag.
     *
     * @param storeKey the key the record was loaded from
     * @param bytes the stored bytes
     * @return the record, and whether it should be rewritten under the current key and mode
     * @throws UnreadableRecordException if the record is refused; its {@link
     *     UnreadableRecordException#reason() reason} says why
     */
    public DecodedRecord read(String storeKey, byte[] bytes) {
        if (flask != null) {
            return new DecodedRecord(flask.decode(bytes, Instant.now()), false, false);
        }
        byte[] boundKey = RecordSeal.bind(Objects.requireNonNull(storeKey, "storeKey"));
        if (bytes.length > settings.maxSize()) {
            throw unreadable(Reason.TOO_LARGE, "the record is " + bytes.length + " bytes, over SESSION_MAX_SIZE="
                    + settings.maxSize());
        }
        int flags = checkHeader(bytes);
        JacksonSessionCodec recordCodec = codecsById[bytes[HEADER_LENGTH - 1]];
        boolean sealed = flags == FLAG_SEALED;
        boolean outdated = sealed != settings.encrypt();
        if (sealed) {
            if (bytes.length < HEADER_LENGTH + RecordSeal.SEAL_OVERHEAD) {
                throw unreadable(Reason.TRUNCATED, "the encrypted record is shorter than its envelope");
            }
            RecordSeal.Opened opened = seal.open(boundKey, Arrays.copyOf(bytes, HEADER_LENGTH), bytes, HEADER_LENGTH);
            SessionRecord record = readBody(recordCodec, opened.body(), 0, opened.body().length, extended(bytes));
            return new DecodedRecord(record, opened.keyIndex() > 0, outdated);
        }
        boolean signed = flags == FLAG_SIGNED;
        if ((bytes[MAGIC.length] & 0xff) != VERSION_WHOLE) {
            return readWithFrames(boundKey, recordCodec, bytes, signed, signed && outdated);
        }
        int end = bytes.length;
        int keyIndex = 0;
        if (signed) {
            end -= RecordKey.MAC_LENGTH;
            if (end < HEADER_LENGTH) {
                throw unreadable(Reason.TRUNCATED, "the signed record is shorter than its envelope");
            }
            keyIndex = seal.verify(boundKey, bytes, end);
        }
        SessionRecord record = readBody(recordCodec, bytes, HEADER_LENGTH, end, false);
        return new DecodedRecord(record, keyIndex > 0, signed && outdated);
    }

    /**
     * Reads a plain or signed record of version 2 or 3: the record itself, whose end its payload
     * length gives, then any delta frames after it, each applied in order (puts, then removals)
     * after its MAC verified.
     */
    private DecodedRecord readWithFrames(byte[] boundKey, JacksonSessionCodec recordCodec, byte[] bytes, boolean signed,
            boolean outdated) {
        boolean extended = extended(bytes);
        if (bytes.length < HEADER_LENGTH + BODY_FIXED_LENGTH + (extended ? 4 : 0)) {
            throw unreadable(Reason.TRUNCATED, "the record ends inside its fixed fields");
        }
        int macLength = signed ? RecordKey.MAC_LENGTH : 0;
        int payloadLengthAt = HEADER_LENGTH + BODY_FIXED_LENGTH - 4;
        if (extended) {
            long sectionLength = sectionLength(bytes, payloadLengthAt);
            int sectionStart = payloadLengthAt + 4;
            long left = bytes.length - macLength - sectionStart - sectionLength;
            if (left < 4) {
                throw signed ? unreadable(Reason.TRUNCATED, "the signed record is shorter than its envelope")
                        : left < 0 ? sectionTruncated(sectionLength, bytes.length - sectionStart)
                        : unreadable(Reason.TRUNCATED, "the record ends inside its fixed fields");
            }
            payloadLengthAt = sectionStart + (int) sectionLength;
        }
        long payloadLength = readInt(bytes, payloadLengthAt) & 0xffffffffL;
        long bodyEnd = payloadLengthAt + 4 + payloadLength;
        if (bodyEnd + macLength > bytes.length) {
            throw signed ? unreadable(Reason.TRUNCATED, "the signed record is shorter than its envelope")
                    : unreadable(Reason.TRUNCATED, "the record declares a payload of " + payloadLength + " bytes but holds "
                            + (bytes.length - payloadLengthAt - 4));
        }
        int keyIndex = signed ? seal.verify(boundKey, bytes, (int) bodyEnd) : 0;
        SessionRecord base = readBody(recordCodec, bytes, HEADER_LENGTH, (int) bodyEnd, extended);
        int baseLength = (int) bodyEnd + macLength;
        byte[] lastMac = signed ? Arrays.copyOfRange(bytes, (int) bodyEnd, baseLength) : null;
        Map<String, Object> attributes = baseLength < bytes.length ? new LinkedHashMap<>(base.attributes()) : base.attributes();
        int frames = 0;
        for (int at = baseLength; at < bytes.length; frames++) {
            if (frames == MAX_FRAMES_READ) {
                throw unreadable(Reason.MALFORMED_PAYLOAD, "the record has more than " + MAX_FRAMES_READ
                        + " delta frames, which no session4j writes");
            }
            if (bytes[at] != FRAME_MARK || bytes.length - at < FRAME_FIXED_LENGTH + macLength) {
                throw unreadable(Reason.MALFORMED_PAYLOAD, "the record has data after its payload that is not a delta frame");
            }
            long putsLength = readInt(bytes, at + 1) & 0xffffffffL;
            long removalsAt = at + 5L + putsLength;
            if (removalsAt + 4 + macLength > bytes.length) {
                throw unreadable(Reason.TRUNCATED, "delta frame " + (frames + 1) + " ends early");
            }
            long removalsLength = readInt(bytes, (int) removalsAt) & 0xffffffffL;
            long frameEnd = removalsAt + 4 + removalsLength;
            if (frameEnd + macLength > bytes.length) {
                throw unreadable(Reason.TRUNCATED, "delta frame " + (frames + 1) + " ends early");
            }
            if (signed) {
                keyIndex = Math.max(keyIndex, seal.verifyFrame(boundKey, lastMac, bytes, at, (int) frameEnd));
                lastMac = Arrays.copyOfRange(bytes, (int) frameEnd, (int) frameEnd + macLength);
            }
            applyFrame(recordCodec, bytes, at, (int) putsLength, (int) removalsLength, attributes);
            at = (int) frameEnd + macLength;
        }
        boolean appendable = settings.deltaWrites() && !outdated && !settings.encrypt() && keyIndex == 0 && recordCodec == codec;
        DeltaChain chain = appendable ? new DeltaChain(true, bytes.length, baseLength, frames, lastMac, codecId) : DeltaChain.NONE;
        return new DecodedRecord(base.withAttributes(attributes), keyIndex > 0, outdated, chain);
    }

    /** Applies one frame's puts, then its removals, as every reader of the record does. */
    private static void applyFrame(JacksonSessionCodec recordCodec, byte[] bytes, int at, int putsLength, int removalsLength,
            Map<String, Object> attributes) {
        int removalsAt = at + 5 + putsLength;
        attributes.putAll(recordCodec.decode(bytes, at + 5, putsLength));
        attributes.keySet().removeAll(recordCodec.decode(bytes, removalsAt + 4, removalsLength).keySet());
    }

    /**
     * How many frames a record takes before it is rewritten whole: one per
     * {@value #BASE_BYTES_PER_FRAME} bytes of record, at least {@value #MIN_FRAMES} (up to 16 KB) and
     * at most {@value #MAX_FRAMES} (from 64 KB).
     *
     * @param baseLength the length of the record before its frames
     * @return the most frames
     */
    static int maxFrames(int baseLength) {
        return Math.max(MIN_FRAMES, Math.min(MAX_FRAMES, baseLength / BASE_BYTES_PER_FRAME));
    }

    /**
     * Encodes a change to a stored record as a delta frame to append after it ({@link
     * io.github.session4j.spi.RecordAppender}), or nothing when the record should be rewritten
     * whole instead: it is not {@linkplain DeltaChain#appendable() appendable}, smaller than
     * {@value #MIN_DELTA_BASE} bytes, already followed by its {@linkplain #maxFrames(int) most
     * frames}, or its frames would outgrow half of it or the whole would pass {@code SESSION_MAX_SIZE}.
     *
     * <p>A frame carries attributes only: a record whose extension values change is rewritten whole
     * (as when its {@code permanent} flag changes); the frames after a version 3 record keep its
     * extension values.
     *
     * <p>Layout (integers big-endian): {@code 'D'} | puts length (4) | puts (the codec's map) |
     * removals length (4) | removals (the codec's map of removed keys to {@code true}) |
     * HMAC-SHA256 (32, when signed), the MAC chained to the one before it (see {@link RecordSeal}).
     *
     * @param storeKey the key the record is stored under
     * @param chain the record's chain, as {@link #read} returned it
     * @param puts the keys this change sets, with their new values
     * @param removals the keys this change removes
     * @return the frame, or empty to rewrite the record whole
     */
    public Optional<byte[]> writeDelta(String storeKey, DeltaChain chain, Map<String, Object> puts, Set<String> removals) {
        if (flask != null) {
            return Optional.empty(); // Flask-Session records are always rewritten whole
        }
        if (!settings.deltaWrites() || !chain.appendable() || chain.frames() >= maxFrames(chain.baseLength()) || chain.baseLength() < MIN_DELTA_BASE
                || chain.codecId() != codecId || (chain.lastMac() != null) != seal.hasKey() || settings.encrypt()) {
            return Optional.empty();
        }
        int macLength = seal.hasKey() ? RecordKey.MAC_LENGTH : 0;
        BoundedOutput out = new BoundedOutput(settings.maxSize());
        try {
            out.write(FRAME_MARK);
            writeMap(out, puts);
            Map<String, Object> removed = new LinkedHashMap<>();
            removals.forEach(key -> removed.put(key, Boolean.TRUE));
            writeMap(out, removed);
        } catch (SessionEncodingException e) {
            return Optional.empty(); // too large for a frame: the whole rewrite reports it properly
        }
        long frameLength = out.count() + macLength;
        long tail = chain.storedLength() - chain.baseLength() + frameLength;
        if (tail * 2 > chain.baseLength() || chain.storedLength() + frameLength > settings.maxSize()) {
            return Optional.empty();
        }
        byte[] frame = out.toByteArray(macLength);
        if (macLength > 0) {
            byte[] mac = seal.signFrame(RecordSeal.bind(storeKey), chain.lastMac(), frame, (int) out.count());
            System.arraycopy(mac, 0, frame, (int) out.count(), macLength);
        }
        return Optional.of(frame);
    }

    /**
     * What {@link #read} would return for a record after {@code frame} (from {@link #writeDelta}
     * with {@code before}'s chain) was appended to it, without reading the record again: only the
     * frame is decoded. The attributes are a new map holding {@code before}'s values, with the
     * frame's puts and removals applied as {@link #read} applies them; the creation time,
     * permanence and extension values are {@code before}'s.
     *
     * @param before the record as read (or as computed by this method) before the append
     * @param frame the appended frame
     * @return the record after the append
     * @throws IllegalArgumentException if {@code before}'s chain is not appendable or
     *     {@code frame} is not a frame
     */
    public DecodedRecord afterAppend(DecodedRecord before, byte[] frame) {
        DeltaChain chain = afterAppend(before.chain(), frame);
        int macLength = chain.lastMac() == null ? 0 : RecordKey.MAC_LENGTH;
        int putsLength = frame.length >= FRAME_FIXED_LENGTH + macLength && frame[0] == FRAME_MARK ? readInt(frame, 1) : -1;
        int removalsLength = putsLength >= 0 && putsLength <= frame.length - FRAME_FIXED_LENGTH - macLength
                ? readInt(frame, 5 + putsLength) : -1;
        if (removalsLength < 0 || FRAME_FIXED_LENGTH + putsLength + removalsLength + macLength != frame.length) {
            throw new IllegalArgumentException("the bytes given as an appended frame are not one frame of this format");
        }
        Map<String, Object> attributes = new LinkedHashMap<>(before.record().attributes());
        applyFrame(codecsById[chain.codecId()], frame, 0, putsLength, removalsLength, attributes);
        return new DecodedRecord(before.record().withAttributes(attributes), before.signedWithFallbackKey(),
                before.outdatedProtection(), chain);
    }

    /**
     * The chain of a record after {@code frame} (from {@link #writeDelta} with {@code chain}) was
     * appended to it: what {@link #read} would return for the record with the frame.
     */
    DeltaChain afterAppend(DeltaChain chain, byte[] frame) {
        if (!chain.appendable()) {
            throw new IllegalArgumentException("nothing is appended to a record whose chain is not appendable");
        }
        byte[] lastMac = chain.lastMac() == null ? null : Arrays.copyOfRange(frame, frame.length - RecordKey.MAC_LENGTH, frame.length);
        return new DeltaChain(true, chain.storedLength() + frame.length, chain.baseLength(), chain.frames() + 1, lastMac,
                chain.codecId());
    }

    private void writeMap(BoundedOutput out, Map<String, Object> map) {
        int lengthAt = (int) out.count();
        out.writeInt(0);
        codec.encodeTo(map, out);
        out.setInt(lengthAt, (int) Math.min(Integer.MAX_VALUE, out.count() - lengthAt - 4));
    }

    /**
     * Checks that a value could be stored under a key: its type, every nested type and its depth,
     * as {@code Session.put} does. The size cap is checked when the whole record is written.
     *
     * @param key the attribute key
     * @param value the value
     * @throws SessionEncodingException naming the key path and the offending type
     */
    public void checkValue(String key, Object value) {
        if (flask != null) {
            flask.check(key, value);
            return;
        }
        codec.check(key, value);
    }

    private byte[] header(int version, int flags) {
        byte[] header = Arrays.copyOf(MAGIC, HEADER_LENGTH);
        header[MAGIC.length] = (byte) version;
        header[MAGIC.length + 1] = (byte) flags;
        header[MAGIC.length + 2] = (byte) codecId;
        return header;
    }

    private void writeBody(BoundedOutput out, SessionRecord record) {
        out.writeLong(record.createdAt().getEpochSecond());
        out.writeInt(record.createdAt().getNano());
        out.write(record.permanent() ? 1 : 0);
        if (!record.extensions().isEmpty()) {
            ExtensionSection.write(out, record.extensions());
        }
        writeMap(out, record.attributes());
    }

    private void checkSize(long size) {
        if (size > settings.maxSize()) {
            throw new SessionEncodingException("the session is " + size + " bytes encoded, over SESSION_MAX_SIZE="
                    + settings.maxSize() + "; store less in the session or raise SESSION_MAX_SIZE");
        }
    }

    /** Checks magic, version, flags and codec; returns the protection flags. */
    private int checkHeader(byte[] bytes) {
        int prefix = Math.min(bytes.length, MAGIC.length);
        if (!Arrays.equals(bytes, 0, prefix, MAGIC, 0, prefix)) {
            throw unreadable(Reason.UNKNOWN_FORMAT, "the record does not start with the session4j magic bytes:"
                    + " it was not written by session4j's RecordFormat");
        }
        if (bytes.length < HEADER_LENGTH) {
            throw unreadable(Reason.TRUNCATED, "the record is shorter than its header");
        }
        int version = bytes[MAGIC.length] & 0xff;
        if (version != VERSION_WHOLE && version != VERSION_DELTAS && version != VERSION_EXTENDED) {
            throw unreadable(Reason.UNSUPPORTED_VERSION, "the record has envelope version " + version
                    + " but this session4j reads versions " + VERSION_WHOLE + ", " + VERSION_DELTAS + " and "
                    + VERSION_EXTENDED + " (was it written by a newer session4j?)");
        }
        int flags = bytes[MAGIC.length + 1] & 0xff;
        if (flags != 0 && flags != FLAG_SIGNED && flags != FLAG_SEALED) {
            throw unreadable(Reason.UNSUPPORTED_VERSION, "the record has envelope flags " + flags
                    + " that this session4j does not know (was it written by a newer session4j?)");
        }
        if (version == VERSION_DELTAS && flags == FLAG_SEALED) {
            throw unreadable(Reason.UNSUPPORTED_VERSION, "the record is encrypted in envelope version " + version
                    + ", which only plain and signed records use (was it written by a newer session4j?)");
        }
        int codecIndex = bytes[HEADER_LENGTH - 1];
        if (codecIndex != CODEC_MSGPACK && codecIndex != CODEC_JSON) {
            throw unreadable(Reason.UNKNOWN_FORMAT, "the record names codec " + (codecIndex & 0xff)
                    + ", which is neither 1 (msgpack) nor 2 (json)");
        }
        if (flags == 0 && seal.hasKey()) {
            throw unreadable(Reason.MISSING_MAC, "the record carries no MAC but SECRET_KEY is set: it was written"
                    + " before SECRET_KEY was set, or tampered with");
        }
        if (flags != 0 && !seal.hasKey()) {
            throw unreadable(Reason.UNEXPECTED_MAC, "the record is " + (flags == FLAG_SIGNED ? "signed" : "encrypted")
                    + " but no SECRET_KEY is set: set SECRET_KEY as when it was written");
        }
        return flags;
    }

    /**
     * Reads the body in {@code bytes[start..end)}; {@code extended} when it has an extension
     * section (version 3), which comes between the fixed fields and the payload length.
     */
    private static SessionRecord readBody(JacksonSessionCodec codec, byte[] bytes, int start, int end, boolean extended) {
        if (end - start < BODY_FIXED_LENGTH + (extended ? 4 : 0)) {
            throw unreadable(Reason.TRUNCATED, "the record ends inside its fixed fields");
        }
        long seconds = readLong(bytes, start);
        int nanos = readInt(bytes, start + 8);
        int permanent = bytes[start + 12];
        int lengthAt = start + BODY_FIXED_LENGTH - 4;
        int sectionStart = lengthAt + 4;
        if (extended) {
            long sectionLength = sectionLength(bytes, lengthAt);
            if (sectionLength > end - sectionStart) {
                throw sectionTruncated(sectionLength, end - sectionStart);
            }
            lengthAt = sectionStart + (int) sectionLength;
            if (end - lengthAt < 4) {
                throw unreadable(Reason.TRUNCATED, "the record ends inside its fixed fields");
            }
        }
        int length = readInt(bytes, lengthAt);
        int payloadStart = lengthAt + 4;
        if (length < 0 || length > end - payloadStart) {
            throw unreadable(Reason.TRUNCATED, "the record declares a payload of " + (length & 0xffffffffL)
                    + " bytes but holds " + (end - payloadStart));
        }
        if (length < end - payloadStart) {
            throw unreadable(Reason.MALFORMED_PAYLOAD, "the record has data after its payload");
        }
        if ((permanent & ~1) != 0 || nanos < 0 || nanos > 999_999_999) {
            throw unreadable(Reason.MALFORMED_PAYLOAD, "the record's fixed fields hold impossible values");
        }
        Instant createdAt;
        try {
            createdAt = Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw unreadable(Reason.MALFORMED_PAYLOAD, "the record's creation time is out of range");
        }
        RecordExtensions extensions = extended ? ExtensionSection.read(bytes, sectionStart, lengthAt) : RecordExtensions.none();
        Map<String, Object> attributes = codec.decode(bytes, payloadStart, length);
        return new SessionRecord(createdAt, permanent == 1, attributes, extensions);
    }

    private static boolean extended(byte[] bytes) {
        return (bytes[MAGIC.length] & 0xff) == VERSION_EXTENDED;
    }

    /** The extension section's declared length, at {@code at}; refused over its cap before anything reads it. */
    private static long sectionLength(byte[] bytes, int at) {
        long length = readInt(bytes, at) & 0xffffffffL;
        if (length > ExtensionSection.MAX_LENGTH) {
            throw unreadable(Reason.TOO_LARGE, "the record's extension section is " + length + " bytes, over its cap of "
                    + ExtensionSection.MAX_LENGTH);
        }
        return length;
    }

    private static UnreadableRecordException sectionTruncated(long declared, int held) {
        return unreadable(Reason.TRUNCATED, "the record declares an extension section of " + declared
                + " bytes but holds " + Math.max(0, held));
    }

    static long readLong(byte[] bytes, int at) {
        return ((long) readInt(bytes, at) << 32) | (readInt(bytes, at + 4) & 0xffffffffL);
    }

    static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                | (bytes[at + 3] & 0xff);
    }

    private static UnreadableRecordException unreadable(Reason reason, String message) {
        return new UnreadableRecordException(reason, message);
    }

    /** Names the settings, never the secrets. */
    @Override
    public String toString() {
        return "RecordFormat[" + settings + "]";
    }
}
