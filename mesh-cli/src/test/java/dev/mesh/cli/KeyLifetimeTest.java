package dev.mesh.cli;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.testing.FakeHeadscaleApi;
import dev.mesh.os.linux.SimulatedDebianHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 8 §3: no pre-auth key mesh mints outlives the run that minted it, whatever the end: a run
 * that joins the host, one whose {@code tailscale up} fails, one stopped (Ctrl-C) during {@code up}.
 * Through each key source (the local CLI, the CLI on the server over SSH, the REST API) and the
 * Headscale versions that expire keys differently (by user name and key up to 0.25, user id and key in
 * 0.26-0.27, key id from 0.28), each key is checked expired in the Headscale double itself.
 */
class KeyLifetimeTest extends SimulatedDebianCliTest {
    private static final String UP = "sudo -n /usr/bin/tailscale up ";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"cli, 0.22.3", "cli, 0.26.0", "cli, 0.28.0", "ssh, 0.25.1", "ssh, 0.27.1", "ssh, 0.28.0",
        "rest, 0.22.3", "rest, 0.26.0", "rest, 0.28.0"})
    void everyKeyIsExpiredWhenItsRunEnds(String source, String version) throws Exception {
        cli.headscale(version, "normal");
        if (source.equals("rest")) {
            try (FakeHeadscaleApi api = new FakeHeadscaleApi(version, "apikey-key-lifetime-0123456789")) {
                debian.onJoin = ip -> api.addNode(new FakeHeadscaleApi.Node("3", "web1", "web1", List.of(ip), true));
                cli.env.put("MESH_HEADSCALE_SOURCE", "rest");
                cli.env.put("MESH_HEADSCALE_URL", api.url().toString());
                cli.env.put("MESH_HEADSCALE_API_KEY", "apikey-key-lifetime-0123456789");
                threeEnds(() -> api.keys().stream().map(k -> k.expired() ? "expired" : "VALID").toList());
            }
        } else if (source.equals("ssh")) {
            try (SimulatedHeadscaleServer server = new SimulatedHeadscaleServer(dir.resolve("server"), cli.headscaleWrapper())) {
                cli.env.put("MESH_HEADSCALE_SOURCE", "ssh");
                cli.env.put("MESH_HEADSCALE_SSH_HOST", "admin@127.0.0.1");
                cli.env.put("MESH_HEADSCALE_SSH_PORT", String.valueOf(server.host.port()));
                server.host.acceptKey(publicKey(debian.host.clientKey())); // -i serves both connections
                cli.env.put("MESH_HEADSCALE_COMMAND", "headscale");
                threeEnds(this::cliDoubleKeys);
            }
        } else {
            threeEnds(this::cliDoubleKeys);
        }
    }

    /** A provision that joins, one whose up fails, one stopped during up: three keys, all expired. */
    private void threeEnds(Supplier<List<String>> keys) {
        assertEquals(0, provision(), cli.output());
        assertEquals(List.of("expired"), keys.get(), "after a provision that joined: " + cli.output());

        debian.node.backendState = "NeedsLogin"; // the host logged out: the next runs join it again
        debian.host.onCall(c -> c.startsWith(UP), (call, h) -> result(1, "", "backend error: invalid key: unable to validate API key\n"));
        assertEquals(ExitCodes.FAILURE, provision(), cli.output());
        assertEquals(List.of("expired", "expired"), keys.get(), "after a failed provision: " + cli.output());

        cli.stop = new dev.mesh.core.provision.StopSignal();
        debian.host.onCall(c -> c.startsWith(UP), (call, h) -> {
            new Thread(cli.stop::requestStop).start(); // Ctrl-C while up runs
            Thread.sleep(60_000);
            return ok("");
        });
        assertEquals(ExitCodes.INTERRUPTED, provision(), cli.output());
        assertTrue(cli.err.contains("Stopped at CONNECTING on steve@127.0.0.1:" + debian.host.port()
                + ": `tailscale up` was ended and its key expired"), cli.err);
        assertEquals(List.of("expired", "expired", "expired"), keys.get(), "after a stopped provision: " + cli.output());
        assertTrue(debian.host.signals().stream().anyMatch(s -> s.startsWith("TERM " + UP)), "up was ended on the host");
    }

    private static java.security.PublicKey publicKey(Path privateKey) throws Exception {
        try (var in = Files.newInputStream(privateKey)) {
            return org.apache.sshd.common.util.security.SecurityUtils.loadKeyPairIdentities(null,
                    org.apache.sshd.common.NamedResource.ofName(privateKey.toString()), in, null)
                    .iterator().next().getPublic();
        }
    }

    private int provision() {
        return provision("steve@127.0.0.1", debian.host.port());
    }

    /** The CLI double's key store: ID USER_ID USER KEY EXPIRED per line. */
    private List<String> cliDoubleKeys() {
        try {
            return Files.readAllLines(Path.of(cli.headscaleRecord + ".keys")).stream()
                    .map(l -> l.endsWith(" 1") ? "expired" : "VALID").toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
