package dev.localecs.runtime.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only log of entries made durable before {@link #append} returns, with group commit: callers
 * that append while a flush is under way wait for the next one, so concurrent appends share one
 * {@code fdatasync}. The log is cut into numbered segments ({@code <prefix>-<n>.log}); whoever compacts the
 * entries elsewhere {@linkplain #rotate() rotates} to a new segment and deletes the old one once its entries
 * are safe. Each entry is framed (length, CRC-32C, bytes), so a tail torn by a crash is recognised and
 * dropped: it was never acknowledged, since an append returns only after its whole batch is on disk.
 * Segments are preallocated (zeros end the entries), so that a flush is a data flush only.
 */
public final class WriteAheadLog implements AutoCloseable {
    private static final int HEADER = 8;
    /**
     * Segments are created this big, zero-filled and synced: an append then overwrites allocated blocks and
     * its flush carries no file-size change, which would wait for a file-system journal commit.
     */
    private static final int PREALLOCATED = 512 * 1024;
    private static final Logger LOG =
            Logger.getLogger(WriteAheadLog.class.getName());

    /** A segment that no longer takes appends, and the keys of the entries written to it. */
    public record Segment(Path file, Set<String> keys) {
    }

    private final Path dir;
    private final String prefix;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushed = lock.newCondition();
    private final List<byte[]> pending = new ArrayList<>();
    private final List<String> pendingKeys = new ArrayList<>();
    private long number;
    private FileChannel current;
    private Path currentFile;
    private Set<String> currentKeys = new LinkedHashSet<>();
    private long appended;
    private long written;
    private long durable;
    private boolean flushing;
    private IOException failed;

    private WriteAheadLog(Path dir, String prefix, long number) throws IOException {
        this.dir = dir;
        this.prefix = prefix;
        this.number = number;
        openSegment();
    }

    /**
     * Opens a new segment after the existing ones (replay and delete those first: {@link #segments}).
     *
     * @param dir the folder
     * @param prefix the segment file prefix
     * @return the log
     */
    public static WriteAheadLog open(Path dir, String prefix) {
        try {
            Files.createDirectories(dir);
            long last = segments(dir, prefix).stream().mapToLong(file -> segmentNumber(prefix, file)).max().orElse(0);
            return new WriteAheadLog(dir, prefix, last + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the log in " + dir, e);
        }
    }

    /**
     * The segments in a folder, oldest first.
     *
     * @param dir the folder
     * @param prefix the segment file prefix
     * @return the segment files
     */
    public static List<Path> segments(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> segmentNumber(prefix, file) > 0)
                    .sorted(Comparator.comparingLong(file -> segmentNumber(prefix, file))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /**
     * The complete entries of a segment, in order; a torn or corrupt tail ends the list.
     *
     * @param segment the segment file
     * @return the entries
     */
    public static List<byte[]> read(Path segment) {
        List<byte[]> entries = new ArrayList<>();
        ByteBuffer buffer;
        try {
            buffer = ByteBuffer.wrap(Files.readAllBytes(segment));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + segment, e);
        }
        while (buffer.remaining() >= HEADER) {
            int length = buffer.getInt();
            int crc = buffer.getInt();
            if (length <= 0 || length > buffer.remaining()) {
                // zeros past the last entry of a preallocated segment, or a torn header
                break;
            }
            byte[] entry = new byte[length];
            buffer.get(entry);
            if (crc(entry) != crc) {
                break;
            }
            entries.add(entry);
        }
        return entries;
    }

    /**
     * Appends an entry and returns once it is on disk (with whatever else was appended meanwhile).
     *
     * @param key what the entry is about (reported by {@link #rotate()})
     * @param entry the bytes
     * @throws UncheckedIOException when the log cannot be written: the entry is not durable
     */
    public void append(String key, byte[] entry) {
        if (entry.length == 0) {
            throw new IllegalArgumentException("an entry has at least one byte");
        }
        lock.lock();
        try {
            pending.add(entry);
            pendingKeys.add(key);
            long mine = ++appended;
            while (durable < mine) {
                if (failed != null) {
                    // nothing pending is durable now: every waiter fails, nothing is written later
                    pending.clear();
                    pendingKeys.clear();
                    throw new UncheckedIOException("Cannot write the log " + currentFile, failed);
                }
                if (flushing) {
                    flushed.awaitUninterruptibly();
                } else {
                    flush();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Leader of one group commit: writes every pending entry and forces them, outside the lock. */
    private void flush() {
        List<byte[]> batch = List.copyOf(pending);
        List<String> keys = List.copyOf(pendingKeys);
        pending.clear();
        pendingKeys.clear();
        long target = appended;
        FileChannel channel = current;
        long position = written;
        flushing = true;
        lock.unlock();
        IOException error = null;
        try {
            ByteBuffer buffer = ByteBuffer.allocate(batch.stream().mapToInt(e -> e.length + HEADER).sum());
            for (byte[] entry : batch) {
                buffer.putInt(entry.length).putInt(crc(entry)).put(entry);
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(false);
        } catch (IOException e) {
            error = e;
        } finally {
            lock.lock();
        }
        flushing = false;
        if (error == null) {
            currentKeys.addAll(keys);
            written = position;
            durable = target;
        } else {
            failed = error;
        }
        flushed.signalAll();
    }

    /**
     * Closes the current segment to appends and opens the next (made durable in the folder first, without
     * holding up appends). Called by one thread at a time (the compacting writer).
     *
     * @return the closed segment, or empty when nothing was appended since the last rotation (none happens)
     */
    public Optional<Segment> rotate() {
        Path nextFile;
        lock.lock();
        try {
            if (currentKeys.isEmpty() && !flushing && pending.isEmpty()) {
                return Optional.empty();
            }
            nextFile = dir.resolve(prefix + "-" + (number + 1) + ".log");
        } finally {
            lock.unlock();
        }
        FileChannel next;
        try {
            next = preallocated(nextFile);
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rotate the log in " + dir, e);
        }
        lock.lock();
        try {
            while (flushing) {
                flushed.awaitUninterruptibly();
            }
            Segment closed = new Segment(currentFile, Set.copyOf(currentKeys));
            try {
                current.close();
            } catch (IOException e) {
                LOG.fine("Closing " + currentFile + ": " + e.getMessage());
            }
            number++;
            current = next;
            currentFile = nextFile;
            written = 0;
            currentKeys = new LinkedHashSet<>();
            failed = null;
            return Optional.of(closed);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes a segment whose entries are safe elsewhere (their files forced to disk and the folder synced).
     *
     * @param segment a closed segment
     */
    public void delete(Segment segment) {
        if (segment.file().equals(currentFile)) {
            return;
        }
        try {
            Files.deleteIfExists(segment.file());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + segment.file(), e);
        }
    }

    /**
     * Forces a folder's entries (new, renamed and deleted files) to disk.
     *
     * @param dir the folder
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sync " + dir, e);
        }
    }

    private void openSegment() throws IOException {
        currentFile = dir.resolve(prefix + "-" + number + ".log");
        current = preallocated(currentFile);
        written = 0;
        currentKeys = new LinkedHashSet<>();
        failed = null;
        syncDirectory(dir);
    }

    private static FileChannel preallocated(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            ByteBuffer zeros = ByteBuffer.allocate(PREALLOCATED);
            while (zeros.hasRemaining()) {
                channel.write(zeros);
            }
            channel.force(true);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static long segmentNumber(String prefix, Path file) {
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "-(\\d{1,18})\\.log").matcher(
                file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static int crc(byte[] entry) {
        CRC32C crc = new CRC32C();
        crc.update(entry);
        return (int) crc.getValue();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            while (flushing) {
                flushed.awaitUninterruptibly();
            }
            current.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close " + currentFile, e);
        } finally {
            lock.unlock();
        }
    }
}
