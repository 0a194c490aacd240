package dev.mesh.core.ssh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenSSH known_hosts file, read line by line so that every key can be reported with its line
 * number. Parsing and host matching (plain, {@code [host]:port}, wildcards and hashed {@code |1|}
 * entries) are MINA's; this class adds line numbers and an append that fails loudly.
 *
 * <p>The file is re-read on every lookup: it is small, and another mesh run or {@code ssh} may have
 * changed it. Unlike MINA's own verifier, a file with loose permissions is still read, never
 * silently treated as empty (which would make every host look new).
 */
final class KnownHosts {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHosts.class);

    /** A key recorded for a host; {@code marker} is {@code revoked}, {@code cert-authority} or null. */
    record Entry(int line, PublicKey key, String marker) {
    }

    private final Path file;

    KnownHosts(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    /** How known_hosts names {@code host} reached on {@code port}. */
    static String hostPattern(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** Every key recorded for {@code host:port}, in file order. Unparsable lines are skipped. */
    List<Entry> find(String host, int port) throws IOException {
        List<Entry> found = new ArrayList<>();
        if (!Files.exists(file)) {
            return found;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line);
                if (entry == null || !entry.isHostMatch(host, port)) {
                    continue;
                }
                AuthorizedKeyEntry keyEntry = entry.getKeyEntry();
                PublicKey key = keyEntry == null ? null
                        : keyEntry.resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
                if (key != null) {
                    found.add(new Entry(i + 1, key, entry.getMarker()));
                }
            } catch (Exception e) {
                // A line we cannot read (unknown key type, typo) must not hide the others.
                LOG.debug("{}:{}: skipped unreadable entry: {}", file, i + 1, e.toString());
            }
        }
        return found;
    }

    /**
     * Appends {@code key} for {@code host:port}, creating the file (0600) and its directory (0700)
     * if needed.
     *
     * @throws IOException when the line could not be written; the caller must not trust the host then
     */
    synchronized void append(String host, int port, PublicKey key) throws IOException {
        String line = hostPattern(host, port) + " " + PublicKeyEntry.toString(key) + "\n";
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly("rwx------", dir));
        }
        if (!Files.exists(file)) {
            Files.createFile(file, ownerOnly("rw-------", file));
        }
        if (!endsWithNewlineOrEmpty(file)) {
            line = "\n" + line;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
    }

    private static boolean endsWithNewlineOrEmpty(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        }
    }

    /** POSIX permissions where the file system has them (not on Windows, where ACLs apply). */
    private static FileAttribute<?>[] ownerOnly(String perms, Path where) {
        Path existing = where.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean posix = existing != null
                && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
                : new FileAttribute<?>[0];
    }
}
