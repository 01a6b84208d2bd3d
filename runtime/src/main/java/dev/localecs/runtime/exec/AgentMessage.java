package dev.localecs.runtime.exec;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * One binary message of the Session Manager data channel, with the header the Session Manager plugin and
 * the SSM agent write (all numbers big-endian):
 *
 * <pre>
 * offset  size  field
 *      0     4  HeaderLength (116: the header up to, not including, PayloadLength)
 *      4    32  MessageType (UTF-8, padded with spaces; NUL padding is accepted too)
 *     36     4  SchemaVersion
 *     40     8  CreatedDate (epoch milliseconds)
 *     48     8  SequenceNumber
 *     56     8  Flags (bit 0 SYN, bit 1 FIN)
 *     64    16  MessageId: the UUID's least significant 8 bytes first, then the most significant 8
 *     80    32  PayloadDigest (SHA-256 of the payload)
 *    112     4  PayloadType
 *    116     4  PayloadLength
 *    120     n  Payload
 * </pre>
 *
 * @param messageType e.g. {@code output_stream_data}
 * @param schemaVersion the schema version (1)
 * @param createdDate epoch milliseconds
 * @param sequenceNumber the position in its stream
 * @param flags SYN/FIN bits
 * @param messageId the message's id
 * @param payloadDigest the digest as sent (32 bytes)
 * @param payloadType the payload type number ({@link PayloadType})
 * @param payload the payload
 */
public record AgentMessage(String messageType, int schemaVersion, long createdDate, long sequenceNumber, long flags,
                           UUID messageId, byte[] payloadDigest, int payloadType, byte[] payload) {
    /** The header length written in the first field. */
    static final int HEADER_LENGTH = 116;
    /** Where the payload starts. */
    static final int PAYLOAD_OFFSET = HEADER_LENGTH + 4;
    /** SYN: the first message of a stream. */
    static final long FLAG_SYN = 1;

    private static final int TYPE_OFFSET = 4;
    private static final int TYPE_LENGTH = 32;
    private static final int DIGEST_LENGTH = 32;

    /**
     * Validates the components.
     *
     * @param messageType the type
     * @param schemaVersion the schema version
     * @param createdDate the creation time
     * @param sequenceNumber the sequence number
     * @param flags the flags
     * @param messageId the id
     * @param payloadDigest the digest
     * @param payloadType the payload type
     * @param payload the payload
     */
    public AgentMessage {
        requireNonNull(messageType, "messageType is null");
        requireNonNull(messageId, "messageId is null");
        requireNonNull(payloadDigest, "payloadDigest is null");
        requireNonNull(payload, "payload is null");
        if (messageType.getBytes(StandardCharsets.UTF_8).length > TYPE_LENGTH) {
            throw new IllegalArgumentException("message type longer than 32 bytes: " + messageType);
        }
        if (payloadDigest.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("payload digest must be 32 bytes, not " + payloadDigest.length);
        }
    }

    /**
     * A new message with a random id and the payload's SHA-256 digest.
     *
     * @param messageType the type
     * @param sequenceNumber the sequence number
     * @param flags the flags
     * @param payloadType the payload type
     * @param payload the payload
     * @param createdDate epoch milliseconds
     * @return the message
     */
    static AgentMessage create(String messageType, long sequenceNumber, long flags, PayloadType payloadType,
                               byte[] payload, long createdDate) {
        return create(messageType, sequenceNumber, flags, payloadType.code(), payload, createdDate);
    }

    /** As {@link #create(String, long, long, PayloadType, byte[], long)}, with a payload type number. */
    static AgentMessage create(String messageType, long sequenceNumber, long flags, int payloadType, byte[] payload,
                               long createdDate) {
        return new AgentMessage(messageType, 1, createdDate, sequenceNumber, flags, UUID.randomUUID(),
                sha256(payload), payloadType, payload.clone());
    }

    /**
     * Whether the digest is the payload's SHA-256.
     *
     * @return true when it matches
     */
    boolean digestMatches() {
        return MessageDigest.isEqual(payloadDigest, sha256(payload));
    }

    /**
     * The message as sent on the wire.
     *
     * @return the bytes
     */
    byte[] encode() {
        ByteBuffer buffer = ByteBuffer.allocate(PAYLOAD_OFFSET + payload.length);
        buffer.putInt(HEADER_LENGTH);
        byte[] type = new byte[TYPE_LENGTH];
        Arrays.fill(type, (byte) ' ');
        byte[] name = messageType.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, type, 0, name.length);
        buffer.put(type);
        buffer.putInt(schemaVersion);
        buffer.putLong(createdDate);
        buffer.putLong(sequenceNumber);
        buffer.putLong(flags);
        buffer.putLong(messageId.getLeastSignificantBits());
        buffer.putLong(messageId.getMostSignificantBits());
        buffer.put(payloadDigest);
        buffer.putInt(payloadType);
        buffer.putInt(payload.length);
        buffer.put(payload);
        return buffer.array();
    }

    /**
     * Reads a message. The digest is kept as sent ({@link #digestMatches()} tells whether it is right).
     *
     * @param bytes one binary frame
     * @return the message
     * @throws MalformedMessageException when the frame is too short or its lengths do not add up
     */
    static AgentMessage decode(byte[] bytes) {
        if (bytes.length < PAYLOAD_OFFSET) {
            throw new MalformedMessageException("an agent message has at least " + PAYLOAD_OFFSET + " bytes, this one "
                    + bytes.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int headerLength = buffer.getInt(0);
        if (headerLength < HEADER_LENGTH || (long) headerLength + 4 > bytes.length) {
            throw new MalformedMessageException("header length " + headerLength + " does not fit a message of "
                    + bytes.length + " bytes");
        }
        String type = trim(new String(bytes, TYPE_OFFSET, TYPE_LENGTH, StandardCharsets.UTF_8));
        int schemaVersion = buffer.getInt(36);
        long createdDate = buffer.getLong(40);
        long sequenceNumber = buffer.getLong(48);
        long flags = buffer.getLong(56);
        UUID id = new UUID(buffer.getLong(72), buffer.getLong(64));
        byte[] digest = Arrays.copyOfRange(bytes, 80, 80 + DIGEST_LENGTH);
        int payloadType = buffer.getInt(112);
        int payloadLength = buffer.getInt(headerLength);
        int start = headerLength + 4;
        if (payloadLength < 0 || (long) start + payloadLength > bytes.length) {
            throw new MalformedMessageException("payload length " + payloadLength + " exceeds the " + (bytes.length
                    - start) + " bytes after the header");
        }
        return new AgentMessage(type, schemaVersion, createdDate, sequenceNumber, flags, id, digest, payloadType,
                Arrays.copyOfRange(bytes, start, start + payloadLength));
    }

    /** The payload type, when it is one this side knows. */
    Optional<PayloadType> knownPayloadType() {
        return PayloadType.of(payloadType);
    }

    private static String trim(String padded) {
        int begin = 0;
        int end = padded.length();
        while (begin < end && (padded.charAt(begin) == ' ' || padded.charAt(begin) == '\0')) {
            begin++;
        }
        while (end > begin && (padded.charAt(end - 1) == ' ' || padded.charAt(end - 1) == '\0')) {
            end--;
        }
        return padded.substring(begin, end);
    }

    static byte[] sha256(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AgentMessage m && messageType.equals(m.messageType)
                && schemaVersion == m.schemaVersion && createdDate == m.createdDate
                && sequenceNumber == m.sequenceNumber && flags == m.flags && messageId.equals(m.messageId)
                && Arrays.equals(payloadDigest, m.payloadDigest) && payloadType == m.payloadType
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return messageId.hashCode();
    }

    @Override
    public String toString() {
        return "AgentMessage[" + messageType + " #" + sequenceNumber + " " + messageId + ", payload type " + payloadType
                + ", " + payload.length + " bytes]";
    }
}
