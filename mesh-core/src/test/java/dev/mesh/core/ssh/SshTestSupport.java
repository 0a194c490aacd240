package dev.mesh.core.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** Settings and keys for SSH tests: everything in a temp directory, never the real ~/.ssh. */
final class SshTestSupport {
    private SshTestSupport() {
    }

    /** No ssh config, no default identities, no heartbeat; known_hosts in {@code dir}. */
    static SshSettings settings(Path dir, Path... identities) {
        return new SshSettings(Duration.ofSeconds(5), dir.resolve("known_hosts"), Optional.empty(),
                List.of(identities), false, Duration.ZERO);
    }

    /** Generates a key pair of {@code type} (e.g. ssh-ed25519) and writes it in OpenSSH format. */
    static KeyPair writeKey(Path file, String type, int bits, String passphraseOrNull)
            throws IOException, GeneralSecurityException {
        KeyPair pair = KeyUtils.generateKeyPair(type, bits);
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphraseOrNull != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setPassword(passphraseOrNull);
            encryption.setCipherName("AES");
            encryption.setCipherMode("CTR");
            encryption.setCipherType("256");
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "mesh-test", encryption, out);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------")); // as ssh-keygen writes it
        return pair;
    }

    /** A connector of its own (known_hosts in {@code dir}) with its connection to a simulated host; closes both. */
    record Connected(SshConnector connector, SshConnection connection) implements AutoCloseable {
        static Connected to(dev.mesh.testkit.SimulatedHost host, Path dir) throws IOException {
            SshConnector connector = new SshConnector(settings(Files.createDirectories(dir), host.clientKey()));
            return new Connected(connector, connector.connect(connector.resolve(host.user(), host.address(), host.port())));
        }

        @Override
        public void close() {
            connection.close();
            connector.close();
        }
    }
}
