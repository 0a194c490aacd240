package dev.mesh.core.ssh.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh config read as {@code ssh -G} reads it (OpenSSH 9.2). The same cases run against the real
 * {@code ssh -G} in mesh-cli's {@code SshConfigComparisonTest}.
 */
class SshConfigReaderTest {
    @TempDir
    Path home;
    private Path sshDir;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        sshDir = Files.createDirectories(home.resolve(".ssh"));
        config = sshDir.resolve("config");
    }

    private SshOptions read(String host, String cliUser, String... lines) throws IOException {
        Files.write(config, List.of(lines));
        return new SshConfigReader(List.of(new SshConfigReader.Source(config, true)), home)
                .read(new SshConfigReader.Query(host, cliUser, "me"));
    }

    private static String value(SshOptions o, String keyword) {
        return o.get(keyword).map(SshOptions.Setting::first).orElse(null);
    }

    @Test
    void theFirstValueWinsAndIdentityFilesAccumulate() throws IOException {
        SshOptions o = read("web1", null,
                "Host web1", "  User steve", "  Port 2222", "  IdentityFile ~/.ssh/a",
                "Host *", "  User nobody", "  Port 22", "  IdentityFile ~/.ssh/b", "  IdentityFile ~/.ssh/a");
        assertEquals("steve", value(o, "user"));
        assertEquals("2222", value(o, "port"));
        assertEquals(List.of("~/.ssh/a", "~/.ssh/b"), o.identityFiles().stream().map(SshOptions.Setting::first).toList());
        assertEquals(new Origin(config, 2), o.get("user").orElseThrow().origin());
    }

    @Test
    void hostIsCaseSensitiveMatchHostIsNotAndNegationWins() throws IOException {
        String[] lines = {"Host web1", "  User typed", "Match host web1", "  Port 2200", "Host * !web2", "  HostName h"};
        SshOptions upper = read("WEB1", null, lines);
        assertEquals(null, value(upper, "user"), "Host web1 does not match WEB1 (ssh -G agrees)");
        assertEquals("2200", value(upper, "port"));
        assertEquals("h", value(upper, "hostname"));
        assertEquals(null, value(read("web2", null, lines), "hostname"), "!web2 excludes web2");
    }

    @Test
    void matchHostSeesTheHostNameSetSoFarAndMatchUserTheUser() throws IOException {
        SshOptions o = read("alias", "ops",
                "Host alias", "  HostName real.example",
                "Match host real.example user ops", "  Port 2201",
                "Match originalhost alias !user steve", "  IdentityFile x");
        assertEquals("2201", value(o, "port"));
        assertEquals(1, o.identityFiles().size());
    }

    @Test
    void matchFinalAppliesInASecondPassWithTheFinalHostName() throws IOException {
        SshOptions o = read("alias", null,
                "Match final host real.example", "  User final-user",
                "Host alias", "  HostName REAL.example", "  User ignored-in-pass-two");
        assertEquals("ignored-in-pass-two", value(o, "user"), "the first pass set User first");
        SshOptions p = read("alias", null,
                "Host alias", "  HostName REAL.example",
                "Match final host real.example", "  Port 2202");
        assertEquals("2202", value(p, "port"));
    }

    @Test
    void includeIsRelativeToDotSshGlobbedAndAppliesInsideItsBlock() throws IOException {
        Files.createDirectories(sshDir.resolve("conf.d"));
        Files.writeString(sshDir.resolve("conf.d/20-web.conf"), "Host web\n  User from-include\n");
        Files.writeString(sshDir.resolve("conf.d/10-db.conf"), "Host db\n  User db-user\nMatch all\n  Port 2203\n");
        Files.writeString(sshDir.resolve("conf.d/.hidden.conf"), "Host *\n  User hidden\n");
        SshOptions web = read("web", null, "Include conf.d/*.conf", "Host web", "  User later");
        assertEquals("from-include", value(web, "user"));
        assertEquals("2203", value(web, "port"));
        SshOptions inBlock = read("web", null, "Host other", "  Include conf.d/*.conf", "Host web", "  User later");
        assertEquals("later", value(inBlock, "user"), "an Include inside a non-matching block applies nothing");
        assertEquals(null, value(inBlock, "port"));
    }

    @Test
    void anIncludeLoopIsNamed() throws IOException {
        Files.writeString(sshDir.resolve("a.conf"), "Include b.conf\n");
        Files.writeString(sshDir.resolve("b.conf"), "Include ~/.ssh/a.conf\n");
        SshConfigException e = assertThrows(SshConfigException.class, () -> read("h", null, "Include a.conf"));
        assertTrue(e.getMessage().startsWith("ssh config Include loop: "), e.getMessage());
        assertTrue(e.getMessage().contains("a.conf → ") && e.getMessage().contains("b.conf → "), e.getMessage());
    }

    @Test
    void aConfigThatIsNotARegularFileIsNeverRead() throws IOException {
        SshConfigReader reader = new SshConfigReader(List.of(new SshConfigReader.Source(Path.of("/dev/zero"), true)), home);
        SshConfigException e = assertThrows(SshConfigException.class,
                () -> reader.read(new SshConfigReader.Query("h", null, "me")));
        assertEquals("ssh config /dev/zero is not a regular file; refusing to read it", e.getMessage());
        SshConfigException included = assertThrows(SshConfigException.class, () -> read("h", null, "Include /dev/zero"));
        assertTrue(included.getMessage().contains("/dev/zero is not a regular file"), included.getMessage());
    }

    @Test
    void aConfigWritableByOthersIsRefusedLikeSshDoes() throws IOException {
        Files.writeString(config, "Host *\n  User x\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));
        SshConfigException e = assertThrows(SshConfigException.class,
                () -> new SshConfigReader(List.of(new SshConfigReader.Source(config, true)), home)
                        .read(new SshConfigReader.Query("h", null, "me")));
        assertTrue(e.getMessage().startsWith("Bad owner or permissions on ssh config " + config), e.getMessage());
    }

    @Test
    void directivesMeshDoesNotImplementAreReportedOnlyWhereTheyApply() throws IOException {
        SshOptions o = read("web", null,
                "Host web", "  ProxyCommand nc %h %p", "  ProxyJump j1", "  CertificateFile ~/.ssh/cert",
                "  SendEnv LANG", "  PubkeyAuthentication yes", "  CanonicalizeHostname yes", "  NoSuchOption 1",
                "Host other", "  KexAlgorithms x",
                "Match exec \"true\"", "  User from-exec");
        assertEquals(List.of("proxycommand", "certificatefile", "canonicalizehostname", "nosuchoption", "match"),
                o.ignored().stream().map(SshOptions.Ignored::keyword).toList());
        assertEquals(Optional.empty(), o.get("proxyjump"), "ProxyJump after ProxyCommand is ignored, as in ssh");
        assertEquals(null, value(o, "user"), "Match exec is never run, so never matches");
    }

    @Test
    void badValuesNameTheirLine() throws IOException {
        assertThrows(SshConfigException.class, () -> read("h", null, "Port 70000"));
        assertThrows(SshConfigException.class, () -> read("h", null, "StrictHostKeyChecking maybe"));
        assertThrows(SshConfigException.class, () -> read("h", null, "ConnectTimeout 10x"));
        assertThrows(SshConfigException.class, () -> read("h", null, "ProxyJump bad host"));
        SshConfigException e = assertThrows(SshConfigException.class, () -> read("h", null, "Match nothing x"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void connectTimeoutTakesSshTimeFormats() {
        Origin at = new Origin(config, 1);
        assertEquals(Optional.of(java.time.Duration.ofSeconds(90)), OptionValues.connectTimeout("1m30s", at));
        assertEquals(Optional.of(java.time.Duration.ofSeconds(10)), OptionValues.connectTimeout("10", at));
        assertEquals(Optional.empty(), OptionValues.connectTimeout("none", at));
    }
}
