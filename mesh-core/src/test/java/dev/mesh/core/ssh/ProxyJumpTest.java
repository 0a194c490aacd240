package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.testkit.SimulatedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProxyJump from the ssh config. The jump host is a bare embedded MINA sshd that only forwards
 * TCP, standing in for an OpenSSH bastion.
 */
class ProxyJumpTest {
    @TempDir
    Path dir;

    @Test
    void connectsThroughAJumpHostAndRecordsBothRealHostKeys() throws Exception {
        SshServer bastion = SshServer.setUpDefaultServer();
        bastion.setHost("127.0.0.1");
        bastion.setPort(0);
        bastion.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("bastion_key")));
        bastion.setPublickeyAuthenticator((user, key, session) -> "jumper".equals(user));
        bastion.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        bastion.start();
        try (SimulatedHost host = SimulatedHost.start("deploy", Files.createDirectories(dir.resolve("host")))) {
            host.onExact("hostname", "inner\n");
            Path config = dir.resolve("ssh_config");
            Files.writeString(config, String.join("\n",
                    "Host inner",
                    "    HostName 127.0.0.1",
                    "    Port " + host.port(),
                    "    User deploy",
                    "    ProxyJump jumper@127.0.0.1:" + bastion.getPort(),
                    "Host *",
                    "    IdentityFile " + host.clientKey(), // ssh gives -i to the target only, not to a jump host
                    ""));
            SshSettings settings = SshTestSupport.settings(dir).withSshConfigFile(Optional.of(config));
            try (SshConnector connector = new SshConnector(settings);
                 SshConnection c = connector.connect(connector.resolve(null, "inner", null))) {
                assertEquals("inner", c.run("hostname", Duration.ofSeconds(5)).out());
            }
            List<String> known = Files.readAllLines(dir.resolve("known_hosts"));
            assertEquals(2, known.size(), known.toString());
            assertTrue(known.stream().anyMatch(l -> l.startsWith("[127.0.0.1]:" + bastion.getPort() + " ")), known.toString());
            assertTrue(known.stream().anyMatch(l -> l.startsWith("[127.0.0.1]:" + host.port() + " ")), known.toString());
        } finally {
            bastion.stop(true);
        }
    }

    @Test
    void aChangedJumpHostKeyIsReportedAsSuch() throws Exception {
        SshServer bastion = SshServer.setUpDefaultServer();
        bastion.setHost("127.0.0.1");
        bastion.setPort(0);
        bastion.setKeyPairProvider(KeyPairProvider.wrap(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256)));
        bastion.setPublickeyAuthenticator((user, key, session) -> true);
        bastion.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        bastion.start();
        try (SimulatedHost host = SimulatedHost.start("deploy", Files.createDirectories(dir.resolve("host")))) {
            KeyPair old = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            Files.writeString(dir.resolve("known_hosts"),
                    "[127.0.0.1]:" + bastion.getPort() + " " + PublicKeyEntry.toString(old.getPublic()) + "\n");
            Path config = dir.resolve("ssh_config");
            Files.writeString(config, String.join("\n",
                    "Host inner",
                    "    HostName 127.0.0.1",
                    "    Port " + host.port(),
                    "    ProxyJump jumper@127.0.0.1:" + bastion.getPort(),
                    ""));
            SshSettings settings = SshTestSupport.settings(dir, host.clientKey()).withSshConfigFile(Optional.of(config));
            try (SshConnector connector = new SshConnector(settings)) {
                HostKeyChangedException e = assertThrows(HostKeyChangedException.class,
                        () -> connector.connect(connector.resolve("deploy", "inner", null)).close());
                assertTrue(e.getMessage().contains("[127.0.0.1]:" + bastion.getPort()), e.getMessage());
            }
        } finally {
            bastion.stop(true);
        }
    }
}
