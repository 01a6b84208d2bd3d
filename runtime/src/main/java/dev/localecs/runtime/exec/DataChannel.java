package dev.localecs.runtime.exec;

import dev.localecs.runtime.exec.ChannelPayloads.Acknowledgement;
import dev.localecs.runtime.exec.ChannelPayloads.ChannelClosed;
import dev.localecs.runtime.exec.ChannelPayloads.HandshakeComplete;
import dev.localecs.runtime.exec.ChannelPayloads.HandshakeResponse;
import dev.localecs.runtime.exec.ChannelPayloads.OpenDataChannel;
import dev.localecs.runtime.exec.ChannelPayloads.ProcessedClientAction;
import dev.localecs.runtime.exec.ChannelPayloads.TerminalSize;
import dev.localecs.runtime.tasks.InteractiveExec;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * One connection of the Session Manager data channel, as the SSM agent's side of it: the token in the first
 * text frame ({@code OpenDataChannel}); then binary agent messages — the handshake (HandshakeRequest →
 * HandshakeResponse → HandshakeComplete) for clients that say their version (the Session Manager plugin
 * does), terminal input and size from {@code input_stream_data}, terminal output as {@code output_stream_data},
 * an acknowledgement for every client stream message and retransmission of unacknowledged output — and
 * {@code channel_closed} when the command ends. A wrong token closes the connection (1008) before anything
 * runs.
 */
final class DataChannel implements WsListener {
    private static final Logger LOG = Logger.getLogger(DataChannel.class.getName());
    /** How much terminal output goes in one message (the SSM agent's stream payload size). */
    static final int CHUNK = 1024;
    /** The agent version the handshake names. */
    static final String AGENT_VERSION = "3.3.0.0";
    /** How often the client is pinged: a client that vanished (no close frame) shows as a failed write. */
    static final long PING_NANOS = 1_000_000_000L;

    private enum State { AWAITING_TOKEN, HANDSHAKE, RUNNING, CLOSED }

    private final ExecSessionRegistry registry;
    private final ExecLauncher launcher;
    private final DataChannels channels;
    private final Clock clock;
    private final OutgoingStream outgoing;
    private final IncomingStream incoming = new IncomingStream(256);
    private final ByteArrayOutputStream binaryFragments = new ByteArrayOutputStream();
    private final StringBuilder textFragments = new StringBuilder();
    private final List<byte[]> earlyInput = new ArrayList<>();

    private final ChannelSocket socket = new ChannelSocket(() -> "Session " + this.sessionId);
    private volatile long lastPing = System.nanoTime();
    private volatile String sessionId = "";
    private ExecSessionRegistry.Claimed session;
    private State state = State.AWAITING_TOKEN;
    private InteractiveExec exec;
    private TerminalSize size;
    private Instant handshakeStarted;
    private boolean ended;

    DataChannel(ExecSessionRegistry registry, ExecLauncher launcher, DataChannels channels, Clock clock,
                OutgoingStream outgoing) {
        this.registry = registry;
        this.launcher = launcher;
        this.channels = channels;
        this.clock = clock;
        this.outgoing = outgoing;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        String path = prologue.uriPath().path();
        int slash = path.lastIndexOf('/');
        sessionId = slash < 0 ? path : path.substring(slash + 1);
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        socket.opened(session);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        textFragments.append(text);
        if (!last) {
            return;
        }
        String frame = textFragments.toString();
        textFragments.setLength(0);
        synchronized (this) {
            if (state != State.AWAITING_TOKEN) {
                LOG.fine(() -> "Session " + sessionId + ": text frame after OpenDataChannel ignored");
                return;
            }
            open(frame);
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        byte[] bytes = new byte[buffer.available()];
        buffer.read(bytes);
        binaryFragments.writeBytes(bytes);
        if (!last) {
            return;
        }
        byte[] frame = binaryFragments.toByteArray();
        binaryFragments.reset();
        synchronized (this) {
            if (state == State.AWAITING_TOKEN) {
                refuse("OpenDataChannel with the session token must come first.");
                return;
            }
            if (state == State.CLOSED) {
                return;
            }
            AgentMessage message;
            try {
                message = AgentMessage.decode(frame);
            } catch (MalformedMessageException e) {
                LOG.fine(() -> "Session " + sessionId + ": unreadable frame ignored (" + e.getMessage() + ")");
                return;
            }
            receive(message);
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        LOG.fine(() -> "Session " + sessionId + ": client closed the data channel (" + status + ")");
        release(true);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.fine(() -> "Session " + sessionId + ": data channel failed: " + t);
        release(true);
    }

    /**
     * Sends again what the client has not acknowledged; gives up on a client that never acknowledges; pings
     * the client, and ends the session once a write failed (Helidon tells the listener nothing when a client
     * vanishes without a close frame).
     */
    void retransmit() {
        if (socket.broken()) {
            LOG.info("Session " + sessionId + ": the client went away; ending the session");
            closeSocket(WsCloseCodes.GOING_AWAY, "");
            release(true);
            return;
        }
        if (System.nanoTime() - lastPing >= PING_NANOS) {
            lastPing = System.nanoTime();
            socket.ping();
        }
        OutgoingStream.Due due = outgoing.due(clock.millis());
        due.resend().forEach(message -> send(message.encode()));
        if (due.exhausted()) {
            LOG.info("Session " + sessionId + ": the client acknowledged nothing for too long; closing");
            closeSocket(WsCloseCodes.GOING_AWAY, "No acknowledgement from the client.");
            release(true);
        }
    }

    /** The runtime stops: the client is told the session is over. */
    void shutdown() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
        }
        sendChannelClosed("local-ecs-api is stopping.");
        release(true);
        closeSocket(WsCloseCodes.GOING_AWAY, "local-ecs-api is stopping.");
    }

    // ---- called under this object's lock ----------------------------------------------------------------------

    private void open(String frame) {
        OpenDataChannel request;
        try {
            request = ChannelPayloads.read(frame, OpenDataChannel.class);
        } catch (MalformedMessageException e) {
            refuse("The first message must be OpenDataChannel.");
            return;
        }
        Optional<ExecSessionRegistry.Claimed> claimed = registry.claim(sessionId, request.tokenValue());
        if (claimed.isEmpty()) {
            LOG.info("Session " + sessionId + ": refused a data channel with a token that is not the session's");
            refuse("The token is not valid for session " + sessionId + ".");
            return;
        }
        session = claimed.get();
        channels.opened(this);
        if (request.clientVersion() == null || request.clientVersion().isBlank()) {
            // clients that announce no version predate the handshake; the agent starts the shell at once
            startCommand();
            return;
        }
        state = State.HANDSHAKE;
        handshakeStarted = clock.instant();
        sendStream(PayloadType.HANDSHAKE_REQUEST, ChannelPayloads.write(ChannelPayloads.interactiveCommands(
                AGENT_VERSION, session.request().command())));
    }

    private void receive(AgentMessage message) {
        switch (message.messageType()) {
            case MessageTypes.ACKNOWLEDGE -> acknowledged(message);
            case MessageTypes.INPUT_STREAM_DATA -> {
                IncomingStream.Accepted accepted = incoming.accept(message);
                if (accepted.acknowledge()) {
                    acknowledge(message);
                }
                accepted.ready().forEach(this::input);
            }
            case MessageTypes.CHANNEL_CLOSED -> {
                if (exec != null) {
                    exec.close();
                }
            }
            default -> LOG.fine(() -> "Session " + sessionId + ": " + message + " ignored");
        }
    }

    private void acknowledged(AgentMessage message) {
        try {
            Acknowledgement ack = ChannelPayloads.read(message.payload(), Acknowledgement.class);
            if (ack.messageId() != null) {
                outgoing.acknowledge(UUID.fromString(ack.messageId()));
            }
        } catch (MalformedMessageException | IllegalArgumentException e) {
            LOG.fine(() -> "Session " + sessionId + ": unreadable acknowledgement ignored (" + e.getMessage() + ")");
        }
    }

    private void input(AgentMessage message) {
        Optional<PayloadType> type = message.knownPayloadType();
        if (type.isEmpty()) {
            return;
        }
        switch (type.get()) {
            case OUTPUT -> {
                if (exec != null) {
                    exec.write(message.payload());
                } else if (state != State.CLOSED) {
                    earlyInput.add(message.payload());
                }
            }
            case SIZE -> {
                try {
                    size = ChannelPayloads.read(message.payload(), TerminalSize.class);
                    if (exec != null) {
                        exec.resize(size.columns(), size.rows());
                    }
                } catch (MalformedMessageException e) {
                    LOG.fine(() -> "Session " + sessionId + ": unreadable terminal size ignored");
                }
            }
            case HANDSHAKE_RESPONSE -> handshakeResponse(message);
            case FLAG -> {
                if (message.payload().length == 4 && ByteBuffer.wrap(message.payload()).getInt()
                        == PayloadType.TERMINATE_SESSION && exec != null) {
                    exec.close();
                }
            }
            default -> LOG.fine(() -> "Session " + sessionId + ": input " + message + " ignored");
        }
    }

    private void handshakeResponse(AgentMessage message) {
        if (state != State.HANDSHAKE) {
            return;
        }
        HandshakeResponse response;
        try {
            response = ChannelPayloads.read(message.payload(), HandshakeResponse.class);
        } catch (MalformedMessageException e) {
            end("The handshake response could not be read.");
            return;
        }
        List<String> problems = new ArrayList<>(response.errors() == null ? List.of() : response.errors());
        if (response.actions() != null) {
            for (ProcessedClientAction action : response.actions()) {
                if (action.actionStatus() != 1) {
                    problems.add(action.actionType() + ": " + (action.error() == null ? "status "
                            + action.actionStatus() : action.error()));
                }
            }
        }
        if (!problems.isEmpty()) {
            end("The client did not complete the handshake: " + String.join("; ", problems));
            return;
        }
        long nanos = Duration.between(handshakeStarted, clock.instant()).toNanos();
        sendStream(PayloadType.HANDSHAKE_COMPLETE, ChannelPayloads.write(new HandshakeComplete(nanos, "")));
        startCommand();
    }

    private void startCommand() {
        state = State.RUNNING;
        try {
            exec = launcher.start(session, new Output());
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.info("Session " + sessionId + ": the command could not start: " + reason);
            sendStream(PayloadType.OUTPUT, ("\r\n" + reason + "\r\n").getBytes(StandardCharsets.UTF_8));
            end(reason);
            return;
        }
        if (size != null) {
            exec.resize(size.columns(), size.rows());
        }
        earlyInput.forEach(exec::write);
        earlyInput.clear();
    }

    private void acknowledge(AgentMessage message) {
        byte[] content = ChannelPayloads.write(new Acknowledgement(message.messageType(),
                message.messageId().toString(), message.sequenceNumber(), true));
        send(AgentMessage.create(MessageTypes.ACKNOWLEDGE, message.sequenceNumber(), 0, 0, content,
                clock.millis()).encode());
    }

    /** Ends the session from this side: channel_closed once the output is acknowledged, then the socket. */
    private void end(String output) {
        if (ended || state == State.CLOSED) {
            return;
        }
        ended = true;
        Thread.ofVirtual().name("exec-close-" + sessionId).start(() -> {
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!outgoing.drained() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            sendChannelClosed(output);
            release(false);
            closeSocket(WsCloseCodes.NORMAL_CLOSE, "");
        });
    }

    // ---- any thread ----------------------------------------------------------------------------------------------

    /**
     * Sends the next stream message, waiting while too much output is unacknowledged. The connection's
     * thread (which processes acknowledgements) sends only the handshake and a launch failure, before any
     * output, so it never waits here.
     */
    private void sendStream(PayloadType type, byte[] payload) {
        try {
            outgoing.next(type, payload, clock.millis()).ifPresent(message -> send(message.encode()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendChannelClosed(String output) {
        UUID id = UUID.randomUUID();
        byte[] content = ChannelPayloads.write(new ChannelClosed(id.toString(), clock.instant().toString(), "",
                sessionId, MessageTypes.CHANNEL_CLOSED, 1, output));
        send(new AgentMessage(MessageTypes.CHANNEL_CLOSED, 1, clock.millis(), 0, 0, id, AgentMessage.sha256(content),
                0, content).encode());
    }

    private void send(byte[] frame) {
        socket.send(frame);
    }

    private void refuse(String reason) {
        state = State.CLOSED;
        closeSocket(WsCloseCodes.VIOLATED_POLICY, reason);
    }

    private void closeSocket(int code, String reason) {
        socket.close(code, reason);
    }

    /** Forgets the session; detaches from the command when the client went away first. */
    private void release(boolean detach) {
        InteractiveExec running;
        synchronized (this) {
            if (state == State.CLOSED && session == null) {
                return;
            }
            state = State.CLOSED;
            running = exec;
            if (session != null) {
                registry.end(session.sessionId());
                session = null;
            }
        }
        outgoing.close();
        channels.closed(this);
        if (detach && running != null) {
            running.close();
        }
    }

    /** The command's terminal, as output messages. */
    private final class Output implements InteractiveExec.Output {
        @Override
        public void write(byte[] data) {
            for (int from = 0; from < data.length; from += CHUNK) {
                sendStream(PayloadType.OUTPUT, Arrays.copyOfRange(data, from, Math.min(data.length, from + CHUNK)));
            }
        }

        @Override
        public void ended(Optional<Integer> exitCode) {
            synchronized (DataChannel.this) {
                end("");
            }
        }
    }

    @Override
    public String toString() {
        return "DataChannel[" + sessionId + "]";
    }
}
