package dev.mesh.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated host over a real SSH connection, from MINA's own client. */
class SimulatedHostTest {
    @TempDir
    Path dir;

    @Test
    void answersExecChannelsWithTheirInputAndRecordsSftpWrites() throws Exception {
        try (SimulatedHost host = SimulatedHost.start("steve", dir);
             SshClient client = SshClient.setUpDefaultClient()) {
            host.mkdirs("/tmp").onCall(c -> c.equals("read-key"), (call, h) -> ScriptedHost.ok("got " + call.input().strip()));
            client.start();
            try (ClientSession session = client.connect("steve", host.address(), host.port())
                    .verify(Duration.ofSeconds(10)).getSession()) {
                session.addPublicKeyIdentity(SecurityUtils.loadKeyPairIdentities(null, null,
                        java.nio.file.Files.newInputStream(host.clientKey()), FilePasswordProvider.EMPTY).iterator().next());
                session.auth().verify(Duration.ofSeconds(10));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ChannelExec exec = session.createExecChannel("read-key")) {
                    exec.setOut(out);
                    exec.setErr(new ByteArrayOutputStream());
                    exec.open().verify(Duration.ofSeconds(10));
                    try (OutputStream in = exec.getInvertedIn()) {
                        in.write("k-123\n".getBytes(StandardCharsets.UTF_8));
                    }
                    exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10));
                    assertEquals(0, exec.getExitStatus());
                }
                assertEquals("got k-123", out.toString(StandardCharsets.UTF_8));
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                     OutputStream file = sftp.write("/tmp/f")) {
                    file.write("content".getBytes(StandardCharsets.UTF_8));
                }
            }
            assertEquals("k-123\n", host.calls().get(0).input());
            assertEquals(List.of("/tmp/f"), host.uploads().stream().map(ScriptedHost.Upload::path).toList());
            assertEquals("content", new String(host.uploads().get(0).content(), StandardCharsets.UTF_8));
            assertEquals(1, host.connectionCount());
        }
    }
}
