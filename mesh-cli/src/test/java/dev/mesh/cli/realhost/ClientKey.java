package dev.mesh.cli.realhost;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * The SSH key pair the tests log in with, generated once per test JVM: an ed25519 key in OpenSSH
 * format (what {@code mesh -i} reads), and its {@code authorized_keys} line for the image layers.
 *
 * @param privateKey the private key file (mode 0600)
 * @param publicLine {@code ssh-ed25519 AAAA... comment}
 */
record ClientKey(Path privateKey, String publicLine) {
    private static ClientKey shared;

    static synchronized ClientKey shared() {
        if (shared == null) {
            shared = generate();
        }
        return shared;
    }

    private static ClientKey generate() {
        try {
            Path dir = Files.createTempDirectory("mesh-realhost-key");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("id_ed25519");
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            try (OutputStream out = Files.newOutputStream(file)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "mesh-realhost-test", null, out);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            file.toFile().deleteOnExit();
            return new ClientKey(file, PublicKeyEntry.toString(pair.getPublic()) + " mesh-realhost-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an ed25519 key", e);
        }
    }
}
