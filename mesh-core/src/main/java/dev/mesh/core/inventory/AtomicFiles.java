package dev.mesh.core.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replaces a file so that a reader sees either the old or the new content, never a part: a temporary
 * file in the same directory, written and fsynced, checked, given the old file's mode, renamed over
 * the old one, then the directory fsynced. A symbolic link is followed, so the file it points to is
 * replaced and the link stays.
 */
final class AtomicFiles {
    /** The mode of a file mesh creates: the owner's alone. */
    static final Set<PosixFilePermission> NEW_FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private static final java.util.concurrent.locks.ReentrantLock IN_PROCESS = new java.util.concurrent.locks.ReentrantLock();

    private AtomicFiles() {
    }

    /** The file a write to {@code file} changes: the target of a symbolic link, or the file itself. */
    static Path target(Path file) throws IOException {
        Path f = file.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(f) && !Files.exists(f) && hops < 40; hops++) {
            f = f.resolveSibling(Files.readSymbolicLink(f)); // a link to a file not created yet
        }
        return Files.exists(f) ? f.toRealPath() : f;
    }

    /**
     * Holds an exclusive lock on {@code .NAME.lock} beside {@code file} while {@code work} runs, so two
     * mesh processes editing the same file cannot lose each other's change.
     */
    static <T> T locked(Path file, java.util.function.Supplier<T> work) {
        IN_PROCESS.lock(); // a FileLock excludes other processes only; two threads would overlap
        try {
            Path target = target(file);
            Files.createDirectories(target.getParent());
            Path lockFile = target.resolveSibling("." + target.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                return work.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /**
     * Writes {@code content} to {@code file} atomically.
     *
     * @param check runs on the written temporary file before it replaces {@code file}; it throws to
     *              stop the replacement (the old file stays as it was)
     */
    static void write(Path file, String content, Consumer<Path> check) {
        Path tmp = null;
        try {
            Path target = target(file);
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Set<PosixFilePermission> mode = Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE_MODE;
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(NEW_FILE_MODE));
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            check.accept(tmp);
            Files.setPosixFilePermissions(tmp, mode);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // the rename itself reaches the disk
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file holds nothing secret
                }
            }
        }
    }
}
