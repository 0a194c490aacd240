package dev.mesh.core.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Loads the private keys mesh offers, in the order OpenSSH tries them: explicit {@code -i} files,
 * then IdentityFile entries from the ssh config, then the default {@code ~/.ssh/id_*} files.
 *
 * <p>Passphrase-protected keys are not supported in this version (no prompt, and no ssh-agent,
 * which MINA can only reach through native APR): a key the operator named explicitly fails with a
 * clear message; an encrypted default key is skipped and mentioned if authentication fails.
 */
final class Identities {

    /** OpenSSH's default identity files that MINA can use (no security keys, no DSA). */
    static final List<String> DEFAULT_FILE_NAMES = List.of("id_rsa", "id_ecdsa", "id_ed25519");

    /** The keys to offer and, for messages, where they came from. */
    record Loaded(List<KeyPair> keys, List<String> tried, List<String> skipped) {
    }

    /** Thrown from key decoding instead of asking for a passphrase. */
    static final class EncryptedKeyException extends IOException {
        EncryptedKeyException(String file) {
            super("Identity file " + file + " is protected by a passphrase; this version of mesh cannot ask for"
                    + " passphrases or use ssh-agent: use an unencrypted key (ssh-keygen -p -N '' -f FILE on a copy)");
        }
    }

    /** Refuses to decrypt: there is no passphrase source in this version. */
    static final FilePasswordProvider NO_PASSPHRASES = (session, resource, retry) -> {
        throw new EncryptedKeyException(display(Path.of(resource.getName())));
    };

    private Identities() {
    }

    /** The default identity files under {@code sshDir} that exist. */
    static List<Path> defaultFiles(Path sshDir) {
        return DEFAULT_FILE_NAMES.stream().map(sshDir::resolve).filter(Files::isRegularFile).toList();
    }

    /**
     * Loads {@code required} keys (missing or unreadable is an error) then {@code optional} ones
     * (missing, encrypted or unreadable ones are skipped and noted).
     *
     * @throws SshConnectException naming the file when a required key cannot be used
     */
    static Loaded load(List<Path> required, List<Path> optional, SessionContext session) {
        List<KeyPair> keys = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : required) {
            if (!Files.isRegularFile(file)) {
                throw new SshConnectException("Identity file " + display(file) + " does not exist");
            }
            try {
                keys.addAll(read(file, session));
                tried.add(display(file));
            } catch (EncryptedKeyException e) {
                throw new SshConnectException(e.getMessage());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new SshConnectException("Cannot read identity file " + display(file) + ": " + e.getMessage(), e);
            }
        }
        for (Path file : optional) {
            if (!Files.isRegularFile(file) || tried.contains(display(file))) {
                continue;
            }
            try {
                keys.addAll(read(file, session));
                tried.add(display(file));
            } catch (EncryptedKeyException e) {
                skipped.add(display(file) + " (passphrase-protected)");
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                skipped.add(display(file) + " (unreadable: " + e.getMessage() + ")");
            }
        }
        return new Loaded(List.copyOf(keys), List.copyOf(tried), List.copyOf(skipped));
    }

    private static List<KeyPair> read(Path file, SessionContext session) throws IOException, GeneralSecurityException {
        NamedResource resource = new PathResource(file);
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(session, resource, in, NO_PASSPHRASES);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            EncryptedKeyException encrypted = findEncrypted(e);
            if (encrypted != null) {
                throw encrypted;
            }
            throw e;
        }
        if (pairs.isEmpty()) {
            throw new IOException("no private key found in it");
        }
        return pairs;
    }

    private static EncryptedKeyException findEncrypted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EncryptedKeyException e) {
                return e;
            }
        }
        return null;
    }

    /** A path for messages, with the home directory shown as {@code ~}. */
    static String display(Path file) {
        String home = System.getProperty("user.home");
        String text = file.toString();
        if (home != null && !home.isEmpty() && text.startsWith(home + file.getFileSystem().getSeparator())) {
            return "~" + text.substring(home.length());
        }
        return text;
    }
}
