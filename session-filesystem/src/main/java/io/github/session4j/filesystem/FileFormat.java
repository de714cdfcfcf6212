package io.github.session4j.filesystem;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The byte layout of a session file: a fixed 40-byte header, then the key, then the record bytes.
 *
 * <pre>
 * offset size
 *  0     4    magic "S4JF"
 *  4     4    format, 1
 *  8     8    version token
 * 16     8    expiry, epoch milliseconds
 * 24     4    key length in bytes (UTF-8)
 * 28     4    record length in bytes
 * 32     4    CRC32 of the key and record bytes
 * 36     4    CRC32 of header bytes 0..35
 * 40          key bytes, then record bytes
 * </pre>
 *
 * All numbers are big-endian. The expiry can be read from the header alone; the two checksums and
 * the lengths (which must add up to the file size) make a torn or damaged file detectable.
 */
final class FileFormat {

    /** Size of the fixed header. */
    static final int HEADER_SIZE = 40;

    private static final int MAGIC = 0x53344A46;
    private static final int FORMAT = 1;

    private FileFormat() {
    }

    /**
     * The header fields of a session file.
     *
     * @param version the record's version token
     * @param expiresAtMillis the expiry, epoch milliseconds
     * @param keyLength the length of the key bytes
     * @param recordLength the length of the record bytes
     * @param payloadCrc the CRC32 of the key and record bytes
     */
    record Header(long version, long expiresAtMillis, int keyLength, int recordLength, int payloadCrc) {

        /** @return the size of the whole file this header describes */
        long fileSize() {
            return (long) HEADER_SIZE + keyLength + recordLength;
        }

        /**
         * @param nowMillis the current time, epoch milliseconds
         * @return whether the record has expired at that time
         */
        boolean expiredAt(long nowMillis) {
            return expiresAtMillis <= nowMillis;
        }
    }

    /**
     * A whole session file, decoded.
     *
     * @param header its header
     * @param key the store key it holds
     * @param record the record bytes
     */
    record Decoded(Header header, String key, byte[] record) {
    }

    /**
     * A file that does not hold a whole, valid session file.
     */
    static final class CorruptFileException extends Exception {

        private static final long serialVersionUID = 1L;

        CorruptFileException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Encodes a session file.
     *
     * @param key the store key
     * @param version the version token
     * @param expiresAtMillis the expiry, epoch milliseconds
     * @param record the record bytes
     * @return the whole file, ready to write
     */
    static ByteBuffer encode(String key, long version, long expiresAtMillis, byte[] record) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        CRC32 payloadCrc = new CRC32();
        payloadCrc.update(keyBytes);
        payloadCrc.update(record);
        ByteBuffer file = ByteBuffer.allocate(HEADER_SIZE + keyBytes.length + record.length);
        file.putInt(MAGIC).putInt(FORMAT).putLong(version).putLong(expiresAtMillis)
                .putInt(keyBytes.length).putInt(record.length).putInt((int) payloadCrc.getValue());
        file.putInt(crcOf(file.array(), 0, HEADER_SIZE - 4));
        file.put(keyBytes).put(record);
        return file.flip();
    }

    /**
     * Decodes and checks a header.
     *
     * @param bytes at least {@link #HEADER_SIZE} bytes from the start of a file
     * @param fileSize the size of the file
     * @return the header
     * @throws CorruptFileException when the header is damaged or does not match the file size
     */
    static Header decodeHeader(byte[] bytes, long fileSize) throws CorruptFileException {
        if (bytes.length < HEADER_SIZE || fileSize < HEADER_SIZE) {
            throw new CorruptFileException("is shorter (" + fileSize + " bytes) than the " + HEADER_SIZE + "-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, HEADER_SIZE);
        if (in.getInt() != MAGIC) {
            throw new CorruptFileException("does not start with the session file magic 'S4JF'");
        }
        int format = in.getInt();
        if (format != FORMAT) {
            throw new CorruptFileException("has format " + format + " but this version reads format " + FORMAT);
        }
        Header header = new Header(in.getLong(), in.getLong(), in.getInt(), in.getInt(), in.getInt());
        if (in.getInt() != crcOf(bytes, 0, HEADER_SIZE - 4)) {
            throw new CorruptFileException("has a header checksum that does not match");
        }
        if (header.keyLength() < 0 || header.recordLength() < 0 || header.fileSize() != fileSize) {
            throw new CorruptFileException("is " + fileSize + " bytes but its header describes " + header.fileSize());
        }
        return header;
    }

    /**
     * Decodes and checks a whole file.
     *
     * @param bytes the whole file
     * @return the decoded file
     * @throws CorruptFileException when the file is torn or damaged
     */
    static Decoded decode(byte[] bytes) throws CorruptFileException {
        Header header = decodeHeader(bytes, bytes.length);
        if (crcOf(bytes, HEADER_SIZE, header.keyLength() + header.recordLength()) != header.payloadCrc()) {
            throw new CorruptFileException("has a payload checksum that does not match");
        }
        int recordStart = HEADER_SIZE + header.keyLength();
        String key = new String(bytes, HEADER_SIZE, header.keyLength(), StandardCharsets.UTF_8);
        byte[] record = Arrays.copyOfRange(bytes, recordStart, recordStart + header.recordLength());
        return new Decoded(header, key, record);
    }

    private static int crcOf(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
