package dev.localecs.api.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement: write a sibling temporary file, force it to disk, then rename it over the
 * target, so a reader sees the old content or the new, never a torn file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces a file's content atomically.
     *
     * @param target the file
     * @param content the new content
     */
    public static void write(Path target, byte[] content) {
        write(target, content, true);
    }

    /**
     * Replaces a file's content atomically, optionally without forcing it to disk (for files that are a
     * record, not state: a crash may lose them but never tears them).
     *
     * @param target the file
     * @param content the new content
     * @param durable whether to force the content to disk before the rename
     */
    public static void write(Path target, byte[] content, boolean durable) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    if (durable) {
                        channel.force(true);
                    }
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }
}
