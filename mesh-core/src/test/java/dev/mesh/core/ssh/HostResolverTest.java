package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one precedence, for every setting: command line, then ssh config, then mesh.ssh.*, then
 * defaults. The rows of README's precedence table.
 */
class HostResolverTest {
    private static final String HOME = System.getProperty("user.home");

    @TempDir
    Path dir;

    private HostResolver resolver(String... configLines) throws IOException {
        return resolver(SshTestSupport.settings(dir), configLines);
    }

    private HostResolver resolver(SshSettings base, String... configLines) throws IOException {
        Path config = dir.resolve("ssh_config");
        Files.write(config, List.of(configLines));
        return new HostResolver(base.withSshConfigFile(Optional.of(config)));
    }

    private static List<String> identities(ResolvedHost h) {
        return h.identityFiles().stream().map(f -> f.path() + " [" + f.source() + "]").toList();
    }

    @Test
    void userAndPortCommandLineThenSshConfigThenMeshThenDefaults() throws IOException {
        SshSettings mesh = SshTestSupport.settings(dir).withMeshDefaults(Optional.of("mesh-user"), 2022, Optional.empty());
        HostResolver r = resolver(mesh, "Host web", "  User steve", "  Port 2222");
        ResolvedHost cli = r.resolve("ops", "web", 2200);
        assertEquals("ops", cli.user());
        assertEquals(2200, cli.port());
        ResolvedHost config = r.resolve(null, "web", null);
        assertEquals("steve", config.user(), "with MESH_SSH_USER set, the ssh config's User still wins (issue 10)");
        assertEquals(2222, config.port());
        ResolvedHost meshLevel = r.resolve(null, "db", null);
        assertEquals("mesh-user", meshLevel.user());
        assertEquals(2022, meshLevel.port());
        ResolvedHost defaults = resolver("Host web", "  User steve").resolve(null, "db", null);
        assertEquals(System.getProperty("user.name"), defaults.user());
        assertEquals(22, defaults.port());
    }

    @Test
    void identitiesCommandLineThenSshConfigThenMeshAndDefaultsOnlyWhenNoneIsGiven() throws IOException {
        Path cliKey = dir.resolve("cli_key");
        Path meshKey = dir.resolve("mesh_key");
        SshSettings settings = SshTestSupport.settings(dir).withIdentityFiles(List.of(cliKey))
                .withMeshDefaults(Optional.empty(), 22, Optional.of(meshKey)).withDefaultIdentities(true);
        Path config = dir.resolve("ssh_config");
        ResolvedHost all = resolver(settings, "Host web", "  IdentityFile ~/.ssh/%r-%h-%p", "  IdentityFile none")
                .resolve("steve", "web", 2222);
        assertEquals(List.of(cliKey + " [-i]", HOME + "/.ssh/steve-web-2222 [ssh config " + config + ":2]",
                meshKey + " [mesh.ssh.identity]"), identities(all));
        ResolvedHost none = resolver(SshTestSupport.settings(dir).withDefaultIdentities(true), "Host x")
                .resolve("steve", "web", null);
        assertEquals(List.of(HOME + "/.ssh/id_rsa [default]", HOME + "/.ssh/id_ecdsa [default]",
                HOME + "/.ssh/id_ed25519 [default]"), identities(none));
    }

    @Test
    void hostNameKnownHostsAgentAndTimeoutsComeFromTheConfigWithExpansions() throws IOException {
        SshSettings settings = SshTestSupport.settings(dir)
                .withEnvironment(Map.of("SSH_AUTH_SOCK", "/run/agent.sock", "KH", "/srv/kh", "OTHER_SOCK", "/run/o"));
        HostResolver r = resolver(settings,
                "Host web", "  HostName %h.Example.org", "  UserKnownHostsFile ${KH}/%n %d/kh2",
                "  GlobalKnownHostsFile none", "  IdentityAgent $OTHER_SOCK", "  ConnectTimeout 3",
                "  StrictHostKeyChecking yes", "  HashKnownHosts yes", "  IdentitiesOnly yes",
                "Host db", "  IdentityAgent none", "  StrictHostKeyChecking ask");
        ResolvedHost web = r.resolve(null, "web", null);
        assertEquals("web.example.org", web.hostName());
        assertEquals(List.of(Path.of("/srv/kh/web"), Path.of(HOME + "/kh2")), web.knownHosts());
        assertEquals(List.of(), web.globalKnownHosts());
        assertEquals(Optional.of(Path.of("/run/o")), web.agent().socket());
        assertEquals(java.time.Duration.ofSeconds(3), web.connectTimeout());
        assertTrue(web.strict() && web.hashKnownHosts() && web.identitiesOnly());
        ResolvedHost db = r.resolve(null, "db", null);
        assertEquals(Optional.empty(), db.agent().socket());
        assertTrue(db.strict(), "ask: mesh cannot ask, so it refuses unknown hosts");
        ResolvedHost other = r.resolve(null, "other", null);
        assertEquals(Optional.of(Path.of("/run/agent.sock")), other.agent().socket());
        assertEquals(List.of(dir.resolve("known_hosts")), other.knownHosts());
        assertFalse(other.strict());
    }

    @Test
    void strictHostKeyCheckingNoIsRefusedAsUnsafe() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> resolver("Host web", "  StrictHostKeyChecking no").resolve(null, "web", null));
        assertTrue(e.getMessage().startsWith("StrictHostKeyChecking no (" + dir.resolve("ssh_config") + ":2) would"
                + " accept any host key"), e.getMessage());
    }

    @Test
    void proxyJumpHopsAreVisitedInOpenSshOrder() throws IOException {
        HostResolver r = resolver(
                "Host target", "  ProxyJump a,ops@b:2200",
                "Host a", "  ProxyJump first", "  User a-user",
                "Host b", "  ProxyJump never-used");
        ResolvedHost target = r.resolve("steve", "target", null);
        assertEquals(List.of("first", "a", "b"), target.jumps().stream().map(ResolvedHost::alias).toList(),
                "a's own ProxyJump first, then a, then b (whose own ProxyJump ssh -J overrides)");
        assertEquals("ops", target.jumps().get(2).user());
        assertEquals(2200, target.jumps().get(2).port());
        assertEquals("a-user", target.jumps().get(1).user());
        assertEquals(List.of(), target.jumps().get(1).identityFiles().stream()
                .filter(f -> f.source().equals("-i")).toList(), "-i is not given to jump hosts, as in ssh");
    }

    @Test
    void aProxyJumpLoopIsAnError() throws IOException {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> resolver("Host a", "  ProxyJump b", "Host b", "  ProxyJump a").resolve(null, "a", null));
        assertTrue(e.getMessage().contains("a loop, or more than 10 hops"), e.getMessage());
    }

    @Test
    void ignoredDirectivesBecomeWarningsNamingTheHost() throws IOException {
        ResolvedHost h = resolver("Host web", "  ProxyCommand nc %h %p", "  CertificateFile ~/.ssh/c")
                .resolve("steve", "web", null);
        String config = dir.resolve("ssh_config").toString();
        assertEquals(List.of(
                "ssh config " + config + ":2: ProxyCommand is not supported by mesh; it connects to steve@web without it",
                "ssh config " + config + ":3: CertificateFile is not supported by mesh and is ignored for steve@web"),
                h.warnings());
    }
}
