package dev.localecs.runtime.docker;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The standard input of an interactive exec: bytes written from any thread, read by docker-java's hijacked
 * connection. (A {@link java.io.PipedInputStream} fails with "Write end dead" once the thread that last wrote
 * has ended, and the data channel writes from short-lived virtual threads.)
 */
final class TerminalInput extends InputStream {
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    /** Queues bytes for the command; ignored after {@link #close()}. */
    void write(byte[] data) {
        if (data.length > 0) {
            chunks.add(data.clone());
        }
    }

    @Override
    public int read() throws java.io.IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws java.io.IOException {
        if (length == 0) {
            return 0;
        }
        while (!ended && position >= current.length) {
            try {
                byte[] next = chunks.take();
                if (next == END) {
                    ended = true;
                } else {
                    current = next;
                    position = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for terminal input");
            }
        }
        if (position >= current.length) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return Math.max(0, current.length - position);
    }

    /** Ends the input: the reader gets end-of-file once the queued bytes are read. */
    @Override
    public void close() {
        chunks.add(END);
    }
}
