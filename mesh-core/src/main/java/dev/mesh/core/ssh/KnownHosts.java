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
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.sshd.client.config.hosts.KnownHostDigest;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenSSH known_hosts files, read line by line so that every key can be reported with its file and
 * line. Parsing and host matching (plain, {@code [host]:port}, wildcards and hashed {@code |1|}
 * entries) are MINA's; this class adds positions, OpenSSH's lookup rules and an append that fails
 * loudly.
 *
 * <p>Lookups read the user files ({@code UserKnownHostsFile}) and then the system-wide ones
 * ({@code GlobalKnownHostsFile}), as {@code ssh} does; new keys go to the first user file. Files
 * are re-read on every lookup: they are small, and another mesh run or {@code ssh} may have
 * changed them. A file with loose permissions is still read, never silently treated as empty
 * (which would make every host look new); one that is not a regular file is an error.
 */
final class KnownHosts {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHosts.class);
    /** OpenSSH's salt length for hashed entries: the HMAC-SHA1 block output size. */
    private static final int HASH_SALT_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path DEV_NULL = Path.of("/dev/null");

    /** A key recorded for a host; {@code marker} is {@code revoked}, {@code cert-authority} or null. */
    record Entry(Path file, int line, PublicKey key, String marker) {
        /** {@code FILE:LINE}, as in OpenSSH's messages. */
        String where() {
            return file + ":" + line;
        }
    }

    private final List<Path> userFiles;
    private final List<Path> globalFiles;

    /** One user file, no system-wide file. */
    KnownHosts(Path file) {
        this(List.of(file), List.of());
    }

    /**
     * @param userFiles   {@code UserKnownHostsFile}: read, and the first one written (none: "none",
     *                    new hosts cannot be recorded)
     * @param globalFiles {@code GlobalKnownHostsFile}: only read
     */
    KnownHosts(List<Path> userFiles, List<Path> globalFiles) {
        this.userFiles = userFiles.stream().map(Path::toAbsolutePath).toList();
        this.globalFiles = globalFiles.stream().map(Path::toAbsolutePath).toList();
    }

    /** The file new keys are written to; empty with {@code UserKnownHostsFile none}. */
    Optional<Path> file() {
        return userFiles.stream().findFirst();
    }

    /** The files read, for messages. */
    String describe() {
        List<Path> all = new ArrayList<>(userFiles);
        all.addAll(globalFiles);
        return all.isEmpty() ? "(no known_hosts file)" : all.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    /**
     * How known_hosts names {@code host} reached on {@code port}: {@code host} on port 22, else
     * {@code [host]:port}. Host names are compared in lower case, as {@code ssh} lowercases them.
     */
    static String hostPattern(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        return port == 22 ? name : "[" + name + "]:" + port;
    }

    /** Every key recorded for {@code host:port} in the user files, then the global ones, in file order. */
    List<Entry> find(String host, int port) throws IOException {
        String name = host.toLowerCase(Locale.ROOT);
        List<Entry> found = new ArrayList<>();
        for (Path file : userFiles) {
            readInto(file, name, port, found);
        }
        for (Path file : globalFiles) {
            readInto(file, name, port, found);
        }
        return found;
    }

    private static void readInto(Path file, String host, int port, List<Entry> found) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = lines(file);
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
                    found.add(new Entry(file, i + 1, key, entry.getMarker()));
                }
            } catch (Exception e) {
                // A line we cannot read (unknown key type, typo) must not hide the others.
                LOG.debug("{}:{}: skipped unreadable entry: {}", file, i + 1, e.toString());
            }
        }
    }

    /**
     * The file's lines; bytes that are not UTF-8 become U+FFFD instead of failing the whole file.
     * {@code /dev/null} reads as empty (a common GlobalKnownHostsFile); nothing is ever recorded in it.
     */
    private static List<String> lines(Path file) throws IOException {
        if (file.equals(DEV_NULL)) {
            return List.of();
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * Appends {@code key} for {@code host:port} to {@link #file()}, creating the file (0600) and
     * its directory (0700) if needed. The host is hashed ({@code |1|salt|hash}, as OpenSSH's
     * {@code HashKnownHosts yes} writes it) when {@code hash} is set or the file already holds a
     * hashed entry, so that a hashed file does not start to list host names in clear.
     *
     * @throws IOException when the line could not be written; the caller must not trust the host then
     */
    void append(String host, int port, PublicKey key, boolean hash) throws IOException {
        synchronized (KnownHosts.class) { // one writer per process, whichever KnownHosts it came through
            appendLocked(host, port, key, hash);
        }
    }

    private void appendLocked(String host, int port, PublicKey key, boolean hash) throws IOException {
        Path file = file().orElseThrow(() -> new IOException("UserKnownHostsFile is none: there is no file to"
                + " record a new host key in"));
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, ownerOnly("rwx------", dir));
        }
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, ownerOnly("rw-------", file));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process (ssh, a second mesh) created it meanwhile: append to theirs
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot record the host key in " + file + ": not a regular file");
        }
        boolean hashed = hash || lines(file).stream().anyMatch(l -> l.strip().startsWith("|1|"));
        String name = hashed ? hashedName(host, port) : hostPattern(host, port);
        String line = name + " " + PublicKeyEntry.toString(key) + "\n";
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

    /** {@code |1|base64(salt)|base64(HMAC-SHA1(salt, pattern))}, OpenSSH's hashed host name. */
    static String hashedName(String host, int port) throws IOException {
        byte[] salt = new byte[HASH_SALT_BYTES];
        RANDOM.nextBytes(salt);
        try {
            byte[] digest = KnownHostHashValue.calculateHashValue(host.toLowerCase(Locale.ROOT), port,
                    KnownHostDigest.SHA1, salt);
            return KnownHostHashValue.append(new StringBuilder(), KnownHostDigest.SHA1, salt, digest).toString();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot hash the host name: " + e.getMessage(), e);
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
