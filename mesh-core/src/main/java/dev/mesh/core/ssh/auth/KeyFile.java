package dev.mesh.core.ssh.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * A private key file as ssh looks at it before authenticating: usable or not (and why), its public
 * key (from the key itself when unencrypted, else from {@code FILE.pub} or the public section of an
 * OpenSSH-format key, as {@code sshkey_load_public} does), and whether it needs a passphrase.
 *
 * @param path      the file
 * @param source    where it was named ("-i", "ssh config FILE:LINE", …)
 * @param publicKey its public key, or null when unknown (an encrypted PEM key without .pub)
 * @param keyPair   the decrypted key pair, or null when a passphrase is needed
 * @param problem   why it cannot be used, or null
 */
public record KeyFile(Path path, String source, PublicKey publicKey, KeyPair keyPair, String problem) {
    private static final String OPENSSH_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String OPENSSH_END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    /** Private key files are a few kilobytes; mesh does not read huge files looking for one. */
    private static final long MAX_KEY_BYTES = 1024 * 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    /** Thrown from key decoding instead of asking for a passphrase. */
    static final class PassphraseNeeded extends IOException {
        PassphraseNeeded() {
            super("passphrase needed");
        }
    }

    public boolean usable() {
        return problem == null;
    }

    public boolean encrypted() {
        return problem == null && keyPair == null;
    }

    /**
     * Looks at {@code path} without asking for a passphrase. As ssh, the public key is read even
     * when the private key cannot be used (missing with a {@code .pub} left, open to others): an
     * agent holding that key may still use it.
     *
     * @return empty when neither the file nor its {@code .pub} exists (ssh skips those silently)
     */
    public static java.util.Optional<KeyFile> inspect(Path path, String source) {
        if (!Files.exists(path)) {
            PublicKey pub = publicKeyOf(path);
            return pub == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new KeyFile(path, source, pub, null, "not found (only its .pub exists)"));
        }
        String problem = unusable(path);
        if (problem != null) {
            return java.util.Optional.of(new KeyFile(path, source, publicKeyOf(path), null, problem));
        }
        try {
            KeyPair pair = load(path, (session, resource, retry) -> {
                throw new PassphraseNeeded();
            });
            return java.util.Optional.of(new KeyFile(path, source, pair.getPublic(), pair, null));
        } catch (PassphraseNeeded e) {
            return java.util.Optional.of(new KeyFile(path, source, publicKeyOf(path), null, null));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return java.util.Optional.of(new KeyFile(path, source, publicKeyOf(path), null, "unreadable: " + message(e)));
        }
    }

    /** Why ssh would not use the file, or null: not a regular file, not readable, open to group or others. */
    static String unusable(Path path) {
        if (!Files.isRegularFile(path)) {
            return "not a regular file";
        }
        if (!Files.isReadable(path)) {
            return "not readable";
        }
        try {
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")
                    && Files.getOwner(path).getName().equals(System.getProperty("user.name"))) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
                if (!OWNER_ONLY.containsAll(perms)) {
                    return "permissions " + mode(perms) + " are too open: a private key must not be accessible by"
                            + " group or others, ssh ignores it too (chmod 600 " + path + ")";
                }
            }
        } catch (IOException e) {
            return "unreadable: " + message(e);
        }
        return null;
    }

    /**
     * Decrypts the key with passphrases from {@code passwords} (MINA's FilePasswordProvider).
     *
     * @throws IOException when it cannot be read or decrypted
     */
    static KeyPair load(Path path, FilePasswordProvider passwords) throws IOException, GeneralSecurityException {
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(path)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, new PathResource(path), in, passwords);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof PassphraseNeeded needed) {
                    throw needed;
                }
            }
            throw e;
        }
        if (pairs.isEmpty()) {
            throw new IOException("no private key found in it");
        }
        return pairs.get(0);
    }

    /** From {@code path.pub}, else from an OpenSSH-format key's unencrypted public section; else null. */
    static PublicKey publicKeyOf(Path path) {
        try {
            Path pub = Path.of(path + ".pub");
            if (Files.isRegularFile(pub)) {
                String line = Files.readString(pub, StandardCharsets.UTF_8).strip();
                AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
                if (entry != null) {
                    return entry.resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
                }
            }
            if (!Files.isRegularFile(path) || Files.size(path) > MAX_KEY_BYTES) {
                return null;
            }
            String text = Files.readString(path, StandardCharsets.UTF_8);
            int begin = text.indexOf(OPENSSH_BEGIN);
            int end = text.indexOf(OPENSSH_END);
            if (begin < 0 || end < begin) {
                return null;
            }
            byte[] blob = Base64.getMimeDecoder().decode(text.substring(begin + OPENSSH_BEGIN.length(), end));
            ByteArrayBuffer buffer = new ByteArrayBuffer(blob);
            byte[] magic = new byte[OPENSSH_MAGIC.length];
            buffer.getRawBytes(magic);
            if (!java.util.Arrays.equals(magic, OPENSSH_MAGIC)) {
                return null;
            }
            buffer.getString(); // cipher
            buffer.getString(); // kdf
            buffer.getBytes(); // kdf options
            if (buffer.getInt() < 1) {
                return null;
            }
            return new ByteArrayBuffer(buffer.getBytes()).getRawPublicKey();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** {@code ED25519 SHA256:…} for messages. */
    static String describe(PublicKey key) {
        return PublicKeyEntry.toString(key).split(" ", 2)[0] + " " + org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(key);
    }

    private static String mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("0%o", mode);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
