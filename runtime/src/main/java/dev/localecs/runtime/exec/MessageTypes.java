package dev.localecs.runtime.exec;

/** The {@code MessageType} values of agent messages, as the Session Manager plugin names them. */
final class MessageTypes {
    /** Keystrokes and control payloads from the client. */
    static final String INPUT_STREAM_DATA = "input_stream_data";
    /** Terminal output and handshake payloads to the client. */
    static final String OUTPUT_STREAM_DATA = "output_stream_data";
    /** Receipt of one stream message. */
    static final String ACKNOWLEDGE = "acknowledge";
    /** The session is over. */
    static final String CHANNEL_CLOSED = "channel_closed";

    private MessageTypes() {
    }
}
