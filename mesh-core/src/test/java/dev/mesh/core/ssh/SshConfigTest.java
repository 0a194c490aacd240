package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.TargetHost;
import dev.mesh.testkit.SimulatedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ~/.ssh/config handling, always from a temp file. */
class SshConfigTest {
    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private SimulatedHost host;
    private Path config;

    @BeforeEach
    void start() throws Exception {
        host = SimulatedHost.start("deploy", Files.createDirectories(dir.resolve("host")));
        host.onExact("hostname", "web1\n");
        config = dir.resolve("ssh_config");
        Files.writeString(config, String.join("\n",
                "Host web1",
                "    HostName 127.0.0.1",
                "    User deploy",
                "    Port " + host.port(),
                "    IdentityFile " + host.clientKey(),
                "",
                "Host *.bogus",
                "    User nobody",
                "    Port 1",
                ""));
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private SshConnector connector() {
        // no explicit identity: the key comes from the config's IdentityFile
        return new SshConnector(SshTestSupport.settings(dir).withSshConfigFile(Optional.of(config)));
    }

    @Test
    void aliasResolvesUserAndPortAndConnectsThroughHostNameAndIdentityFile() {
        try (SshConnector connector = connector()) {
            TargetHost target = connector.resolve(null, "web1", null);
            assertEquals(new TargetHost("deploy", "web1", host.port()), target);
            try (SshConnection c = connector.connect(target)) {
                assertEquals("web1", c.run("hostname", T).out());
            }
        }
        String knownHosts = readKnownHosts();
        assertTrue(knownHosts.startsWith("[127.0.0.1]:" + host.port() + " "), "recorded under HostName: " + knownHosts);
    }

    @Test
    void explicitUserAndPortBeatTheConfig() {
        try (SshConnector connector = connector()) {
            assertEquals(new TargetHost("ops", "web1", 2200), connector.resolve("ops", "web1", 2200));
            // config says user nobody, port 1: the caller's values must be the ones used
            TargetHost target = connector.resolve("deploy", "a.bogus", host.port());
            assertEquals(new TargetHost("deploy", "a.bogus", host.port()), target);
        }
    }

    @Test
    void explicitPortIsUsedAtConnectEvenWhenTheConfigHasAnother() throws Exception {
        Files.writeString(config, String.join("\n",
                "Host web1", "    HostName 127.0.0.1", "    User nobody", "    Port 1",
                "    IdentityFile " + host.clientKey(), ""));
        try (SshConnector connector = connector();
             SshConnection c = connector.connect(connector.resolve("deploy", "web1", host.port()))) {
            assertEquals("web1", c.run("hostname", T).out());
        }
    }

    @Test
    void unknownHostFallsBackToLocalUserAndPort22() {
        try (SshConnector connector = connector()) {
            assertEquals(new TargetHost(System.getProperty("user.name"), "db.example", 22),
                    connector.resolve(null, "db.example", null));
        }
    }

    @Test
    void withoutAConfigFileAliasesAreNotResolved() {
        try (SshConnector connector = new SshConnector(SshTestSupport.settings(dir))) {
            assertEquals(new TargetHost(System.getProperty("user.name"), "web1", 22), connector.resolve(null, "web1", null));
        }
    }

    @Test
    void ed25519IdentityWorks() throws Exception {
        Path key = dir.resolve("id_ed25519");
        KeyPair pair = SshTestSupport.writeKey(key, KeyPairProvider.SSH_ED25519, 256, null);
        host.acceptKey(pair.getPublic());
        try (SshConnector connector = new SshConnector(SshTestSupport.settings(dir, key));
             SshConnection c = connector.connect(new TargetHost("deploy", host.address(), host.port()))) {
            assertEquals("web1", c.run("hostname", T).out());
        }
    }

    @Test
    void ed25519KeyIsRefusedUntilTheHostAcceptsIt() throws Exception {
        Path key = dir.resolve("id_ed25519");
        SshTestSupport.writeKey(key, KeyPairProvider.SSH_ED25519, 256, null);
        try (SshConnector connector = new SshConnector(SshTestSupport.settings(dir, key))) {
            assertThrows(SshConnectException.class,
                    () -> connector.connect(new TargetHost("deploy", host.address(), host.port())));
        }
    }

    private String readKnownHosts() {
        try {
            return Files.readString(dir.resolve("known_hosts"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
