package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.ssh.SshConnectException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: each kind of SSH failure is told apart, and its hint is a command the operator can run
 * with the real user, host and port.
 */
class SshFailureKindsTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final SshSettings SETTINGS = new SshSettings(T, Path.of("/kh"), Optional.of(Path.of("/etc/mesh/ssh_config")),
            List.of(), false, Duration.ZERO);

    private static ResolvedHost host(String alias, String hostName, int port, String user) {
        return new ResolvedHost(alias, hostName, port, user, List.of(), false,
                new ResolvedHost.Agent(Optional.empty(), "SSH_AUTH_SOCK"), List.of(), List.of(Path.of("/kh")),
                List.of(), false, false, T, List.of());
    }

    private static SshConnectException connecting(Throwable cause) {
        return ConnectFailure.connecting("10.0.0.5:2222", T, cause);
    }

    @Test
    void connectFailuresAreToldApart() {
        assertEquals(Kind.REFUSED, connecting(new ConnectException("Connection refused")).kind());
        assertEquals(Kind.UNREACHABLE, connecting(new NoRouteToHostException("No route to host")).kind());
        assertEquals(Kind.UNREACHABLE, connecting(new ConnectException("Network is unreachable")).kind());
        assertEquals(Kind.DNS, connecting(new UnresolvedAddressException()).kind());
        assertEquals(Kind.DNS, connecting(new java.io.IOException(new UnknownHostException("web.invalid"))).kind());
        assertEquals(Kind.TIMED_OUT, connecting(new TimeoutException("timed out after PT10S")).kind());
        assertEquals(Kind.OTHER, connecting(new java.io.IOException("strange")).kind());
    }

    @Test
    void everyHintIsARunnableCommandWithTheRealUserHostAndPort() {
        ResolvedHost web = host("web", "10.0.0.5", 2222, "steve");
        String ssh = "ssh -F /etc/mesh/ssh_config ";
        assertEquals("Nothing accepts connections on port 2222 of 10.0.0.5: check that sshd runs there and that the"
                + " port is right, then try: " + ssh + "-p 2222 steve@web", hint(Kind.REFUSED, web));
        assertTrue(hint(Kind.UNREACHABLE, web).endsWith("then try: " + ssh + "-p 2222 steve@web"));
        assertTrue(hint(Kind.TIMED_OUT, web).endsWith("try: " + ssh + "-o ConnectTimeout=10 -p 2222 steve@web"));
        assertTrue(hint(Kind.DNS, web).contains("getent hosts 10.0.0.5"));
        assertTrue(hint(Kind.HOST_KEY_UNKNOWN, web).endsWith(ssh + "-o StrictHostKeyChecking=ask -p 2222 steve@web"));
        assertTrue(hint(Kind.AUTHENTICATION, web).startsWith("See which keys the server accepts with: " + ssh
                + "-v -p 2222 steve@web; then load the right key into ssh-agent"));
        assertTrue(hint(Kind.OTHER, host("db", "db", 22, "o'brien")).endsWith(ssh + "-v 'o'\\''brien'@db"));
    }

    @Test
    void theChangedKeyHintIsTheCommandThatRemovesTheOldLines() throws Exception {
        java.security.PublicKey recorded = org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair(
                org.apache.sshd.common.keyprovider.KeyPairProvider.SSH_ED25519, 256).getPublic();
        KnownHosts.Entry old = new KnownHosts.Entry(Path.of("/home/s/.ssh/known_hosts"), 4, recorded, null);
        HostKeyChangedException e = new HostKeyChangedException("[10.0.0.5]:2222", List.of(old), "ecdsa-sha2-nistp256",
                "SHA256:x");
        assertEquals(Kind.HOST_KEY_CHANGED, e.kind());
        assertEquals("If you know the host was reinstalled, remove the old key and run mesh again:"
                + " ssh-keygen -R '[10.0.0.5]:2222' -f /home/s/.ssh/known_hosts",
                SshHints.hint(e, host("web", "10.0.0.5", 2222, "steve"), SETTINGS));
    }

    private static String hint(Kind kind, ResolvedHost host) {
        return SshHints.hint(new SshConnectException(kind, "x"), host, SETTINGS);
    }
}
