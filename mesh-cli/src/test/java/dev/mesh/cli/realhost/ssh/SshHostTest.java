package dev.mesh.cli.realhost.ssh;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SSH real-host test classes share: one OpenSSH host per class (started by the subclass's
 * {@code @BeforeAll}, stopped here), client keys made by {@code ssh-keygen}, and per test a
 * directory with mesh's own environment and an ssh config path for both mesh and {@code ssh}.
 */
abstract class SshHostTest {
    @TempDir
    static Path keys;
    static SshdHost host;

    @TempDir
    Path dir;
    MeshRun mesh;
    Path sshConfig;

    /** A new key pair by ssh-keygen, authorised on the host when {@code authorized}. */
    static Path key(String name, String type, String passphrase, boolean authorized) {
        Path key = Tool.keygen(keys, name, type, passphrase);
        if (authorized) {
            host.authorize(Tool.publicLine(key));
        }
        return key;
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
            host = null;
        }
    }

    @BeforeEach
    void newRun() {
        mesh = new MeshRun(dir);
        sshConfig = dir.resolve("ssh_config");
    }

    /** sshd's line for the last accepted login: "... ssh2: ED25519 SHA256:...". */
    static String lastAccepted() {
        List<String> accepted = host.acceptedLines();
        return accepted.isEmpty() ? "(no login)" : accepted.get(accepted.size() - 1);
    }

    /** {@code SHA256:...} of a key, as ssh-keygen -lf prints it. */
    static String fingerprint(Path key) {
        return Tool.ok(key.getParent(), "ssh-keygen", "-lf", key + ".pub").split("\\s+")[1];
    }
}
