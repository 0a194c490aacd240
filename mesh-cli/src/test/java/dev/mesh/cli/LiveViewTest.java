package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.StepListener;
import dev.mesh.api.TargetHost;
import dev.mesh.core.fleet.FleetRun;
import dev.mesh.core.provision.ProvisioningOutcome;
import dev.mesh.core.provision.ProvisioningReport;
import dev.mesh.core.provision.ProvisioningRequest;
import dev.mesh.core.provision.ProvisioningState;
import dev.mesh.api.FailureReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/**
 * The live view on a virtual xterm (JLine's own terminal over streams): lines redrawn in place with
 * the terminal's cursor movements, ✓/✗ with the IP or the failure, host text escaped, and the
 * hosts that do not fit the screen moved above the view.
 */
class LiveViewTest {
    private static FleetRun.Host host(String name) {
        return new FleetRun.Host(name, new ProvisioningRequest(new TargetHost("steve", name, 22), null, null,
                new ProvisioningOptions(false)));
    }

    private static FleetRun.HostResult ended(FleetRun.Host host, ProvisioningOutcome outcome) {
        return new FleetRun.HostResult(host, Optional.of(new ProvisioningReport(outcome,
                List.of(ProvisioningState.SSH_TESTING, ProvisioningState.SUCCESS), Optional.empty())),
                Duration.ofMillis(4200), Optional.empty());
    }

    private static Terminal xterm(ByteArrayOutputStream out, int rows) throws Exception {
        Terminal t = TerminalBuilder.builder().system(false).streams(new ByteArrayInputStream(new byte[0]), out)
                .type("xterm-256color").encoding(StandardCharsets.UTF_8).build();
        t.setSize(new Size(100, rows));
        return t;
    }

    /** The output without the terminal's control sequences (CSI … final byte). */
    private static String plain(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
    }

    @Test
    void eachHostHasALineThatTurnsIntoItsOutcome() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FleetRun.Host web1 = host("web1");
        FleetRun.Host db1 = host("db1");
        LiveView view = LiveView.on(xterm(out, 24), List.of("web1", "db1"), Markers.UNICODE);
        view.started(web1);
        view.started(db1);
        StepListener l = view.listener(web1);
        l.section(ProvisioningState.INSTALLING.title());
        String running = out.toString(StandardCharsets.UTF_8);
        assertTrue(running.contains("INSTALLING  Install Tailscale"), running);
        view.finished(ended(web1, new ProvisioningOutcome.Success("100.64.0.7", false, true)));
        view.finished(ended(db1, new ProvisioningOutcome.Failed("PREFLIGHT", FailureReason.SUDO_PASSWORD_REQUIRED,
                "sudo: a password is required", "")));
        view.note("db1", "a line from the host: \u001b]52;c;evil\u0007");
        view.close();

        String screen = out.toString(StandardCharsets.UTF_8);
        assertTrue(screen.contains("✓") && screen.contains("on the mesh: 100.64.0.7 (4.2s)"), screen);
        assertTrue(screen.contains("✗") && screen.contains("failed at PREFLIGHT: sudo requires password"), screen);
        assertTrue(screen.contains("2 of 2 done"), screen);
        assertTrue(screen.contains("\u001b[?25l"), "cursor hidden: " + screen.replace("\u001b", "ESC"));
        assertTrue(screen.matches("(?s).*\u001b\\[\\?[0-9;]*25h$"), "cursor shown again at the end: "
                + screen.replace("\u001b", "ESC"));
        assertTrue(screen.contains("\u001b[32m"), "in colour");
        assertTrue(screen.contains("db1: a line from the host: \\x1b]52;c;evil\\x07"), "host text escaped: " + screen);
        assertFalse(screen.contains("\u001b]52"), "no OSC from the host reaches the terminal");
    }

    @Test
    void hostsThatDoNotFitAreMovedAboveTheViewWhenTheyEnd() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> names = List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8");
        LiveView view = LiveView.on(xterm(out, 6), names, Markers.ASCII);
        FleetRun.Host h1 = host("h1");
        view.started(h1);
        view.finished(ended(h1, new ProvisioningOutcome.Success("100.64.0.9", false, true)));
        String screen = plain(out);
        assertTrue(screen.contains("[ok] h1  on the mesh: 100.64.0.9"), screen);
        assertTrue(screen.contains("1 of 8 done, 7 waiting"), screen);
        view.close();
        assertEquals(1, plain(out).split("on the mesh: 100.64.0.9", -1).length - 1,
                "printed once, above the view");
    }
}
