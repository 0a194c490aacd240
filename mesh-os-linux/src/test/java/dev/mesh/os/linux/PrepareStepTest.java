package dev.mesh.os.linux;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.Secret;
import dev.mesh.api.StepFailedException;
import dev.mesh.testkit.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mesh remote prepare} on a Linux host: the commands, the password's path, the outcomes. */
class PrepareStepTest {
    private static final String PASSWORD = "pa$$ 'word\"; reboot";
    private static final Secret SECRET = Secret.of(PASSWORD);
    private static final String VALIDATE = "sudo -S -p '' -v";
    private static final String CHECK = "sudo -n /usr/local/libexec/mesh/mesh-root 'check'";
    private static final String PREFS = "sudo -S -p '' sh -c " + LinuxShell.q(PrepareStep.CURRENT_PREFS);
    private static final RootHelper.Script HELPER = RootHelper.render(TestContext.linuxSettings(""),
            new RootHelper.Pins("http://headscale.test:8080", List.of(), false, false, ""), RootHelper.Layout.HOST);

    /** A sudo account with a password; {@code install} answers the privileged install script. */
    private static TestContext host(ScriptedHost.Responder install) {
        ScriptedHost host = SimulatedDebianHost.bare()
                .onExact("id -u", "1000\n")
                .onExact("sudo -n true", result(1, "", "sudo: a password is required\n"))
                .onExact(VALIDATE, "")
                .onPrefix("sudo -S -p '' sh -c ", install)
                .onExact(PREFS, "")
                .on(CHECK::equals, (c, h) -> ok("mesh-root " + installedPin(h) + "\n"));
        TestContext ctx = new TestContext(host, "steve");
        ctx.authKey = null; // prepare runs without a key
        return ctx;
    }

    /** The pin of the helper the test host was given (what the real helper's check prints). */
    private static String installedPin(ScriptedHost host) {
        String text = new String(host.uploads().get(0).content(), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\nPIN='([0-9a-f]{16})'\n").matcher(text);
        return m.find() ? m.group(1) : "";
    }

    @Test
    void freshHostGetsTheHelperAndOneRuleWithThePasswordOnlyOnSudosStdin() {
        TestContext ctx = host((c, h) -> ok("mesh-prepare: changed\n"));

        assertTrue(new LinuxProvisioner().prepare(ctx, SECRET));

        List<ScriptedHost.Upload> uploads = ctx.host.uploads();
        assertEquals(2, uploads.size());
        String helperFile = uploads.get(0).path();
        String rulesFile = uploads.get(1).path();
        assertTrue(helperFile.matches("/tmp/mesh-prepare-helper-[0-9a-f]{32}"), helperFile);
        assertTrue(rulesFile.matches("/tmp/mesh-prepare-sudoers-[0-9a-f]{32}"), rulesFile);
        assertEquals(HELPER.text(), new String(uploads.get(0).content(), StandardCharsets.UTF_8));
        assertEquals(SudoRules.forUser("steve"), new String(uploads.get(1).content(), StandardCharsets.UTF_8));
        assertEquals(0600, uploads.get(0).mode());
        assertEquals(0600, uploads.get(1).mode());
        assertEquals(List.of("id -u", VALIDATE, PREFS, PrepareStep.installCommand(helperFile, rulesFile),
                "rm -f '" + helperFile + "'", "rm -f '" + rulesFile + "'", CHECK), ctx.host.commands());
        assertTrue(ctx.host.filesUnder("/tmp").isEmpty(), "nothing left in /tmp");

        byte[] passwordLine = (PASSWORD + "\n").getBytes(StandardCharsets.UTF_8);
        for (ScriptedHost.Call call : ctx.host.calls()) {
            assertFalse(SECRET.isIn(call.command()), call.command());
            boolean sudoS = call.command().startsWith("sudo -S -p '' ");
            assertArrayEquals(sudoS ? passwordLine : new byte[0], call.stdin(), call.command());
        }
        for (String line : ctx.listener.lines) {
            assertFalse(SECRET.isIn(line), line);
        }
        assertTrue(ctx.listener.has("ok", "Installed /usr/local/libexec/mesh/mesh-root and /etc/sudoers.d/zz-mesh"),
                ctx.listener.lines.toString());
    }

    @Test
    void theHelperPinsTheLoginServerTheWantedPreferencesAndTheOnesTheNodeHas() {
        TestContext ctx = host((c, h) -> ok("mesh-prepare: changed\n"));
        ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.builder().acceptDns(false).build();
        ctx.host.onExact(PREFS, new dev.mesh.testkit.TailscaleNode("linux").joined("http://old:8080")
                .setPref("ssh", "true").setPref("advertise-routes", "10.1.0.0/16").prefsJson());
        assertTrue(new LinuxProvisioner().prepare(ctx, SECRET));
        String helper = new String(ctx.host.uploads().get(0).content(), StandardCharsets.UTF_8);
        assertTrue(helper.contains("\nLOGIN_SERVER='http://headscale.test:8080'\n"), helper);
        assertTrue(helper.contains("\nPREF_FLAGS='--accept-dns=false\n--advertise-routes=10.1.0.0/16\n--ssh=true'\n"), helper);
        assertTrue(helper.contains("\nPIN_RESET='no'\n"), helper);
        assertTrue(ctx.listener.has("info", "preferences of its own"), ctx.listener.lines.toString());
    }

    @Test
    void withoutALoginServerTheHelperTakesAnyAndPrepareSaysSo() {
        TestContext ctx = host((c, h) -> ok("mesh-prepare: changed\n"));
        ctx.loginServer = null;
        assertTrue(new LinuxProvisioner().prepare(ctx, SECRET));
        String helper = new String(ctx.host.uploads().get(0).content(), StandardCharsets.UTF_8);
        assertTrue(helper.contains("\nLOGIN_SERVER=''\n"), helper);
        assertTrue(ctx.listener.has("warn", "No login server given to prepare"), ctx.listener.lines.toString());
    }

    @Test
    void secondRunChangesNothingAndSaysAlreadyPrepared() {
        TestContext ctx = host((c, h) -> ok("mesh-prepare: unchanged\n"));
        assertFalse(new LinuxProvisioner().prepare(ctx, SECRET));
        assertTrue(ctx.listener.has("ok", "Already prepared"), ctx.listener.lines.toString());
    }

    @Test
    void theSeedsWildcardRulesAreRemovedAndReported() {
        TestContext ctx = host((c, h) -> ok("mesh-prepare: removed /etc/sudoers.d/mesh-provisioning\nmesh-prepare: changed\n"));
        assertTrue(new LinuxProvisioner().prepare(ctx, SECRET));
        assertTrue(ctx.listener.has("ok", "Removed /etc/sudoers.d/mesh-provisioning"), ctx.listener.lines.toString());
    }

    @Test
    void wrongPasswordFailsBeforeAnythingIsUploaded() {
        TestContext ctx = host((c, h) -> ok("mesh-prepare: changed\n"));
        ctx.host.onExact(VALIDATE, result(1, "", "Sorry, try again.\nsudo: no password was provided\n"
                + "sudo: 1 incorrect password attempt\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> new LinuxProvisioner().prepare(ctx, SECRET));
        assertEquals(FailureReason.PREPARE_FAILED, e.reason());
        assertEquals("sudo rejected the password", e.getMessage());
        assertEquals(List.of("id -u", VALIDATE), ctx.host.commands());
        assertTrue(ctx.host.uploads().isEmpty());
    }

    @Test
    void anAccountWithoutSudoRightsIsToldSo() {
        TestContext ctx = host((c, h) -> ok("mesh-prepare: changed\n"));
        ctx.host.onExact(VALIDATE, result(1, "", "steve is not in the sudoers file.\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> new LinuxProvisioner().prepare(ctx, SECRET));
        assertEquals("sudo refused: steve is not in the sudoers file.", e.getMessage());
    }

    @Test
    void rulesFailingVisudoAreNotInstalledAndTheUploadsAreRemoved() {
        TestContext ctx = host((c, h) -> result(1, "", "mesh-prepare: the sudo rules do not pass visudo -c; nothing was installed\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> new LinuxProvisioner().prepare(ctx, SECRET));
        assertEquals(FailureReason.PREPARE_FAILED, e.reason());
        assertTrue(e.getMessage().contains("do not pass visudo -c; nothing was installed"), e.getMessage());
        assertTrue(ctx.host.filesUnder("/tmp").isEmpty());
        assertFalse(ctx.host.commands().contains(CHECK));
    }

    @Test
    void rulesThatSudoIgnoresAreReported() {
        TestContext ctx = host((c, h) -> ok("mesh-prepare: changed\n"));
        ctx.host.onExact(CHECK, result(1, "", "sudo: a password is required\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> new LinuxProvisioner().prepare(ctx, SECRET));
        assertTrue(e.getMessage().contains("a password is required"), e.getMessage());
        assertTrue(e.hint().contains("@includedir /etc/sudoers.d"), e.hint());
    }

    @Test
    void rootHasNothingToPrepare() {
        ScriptedHost host = SimulatedDebianHost.bare().onExact("id -u", "0\n");
        TestContext ctx = new TestContext(host, "steve");
        assertFalse(new LinuxProvisioner().prepare(ctx, SECRET));
        assertEquals(List.of("id -u"), host.commands());
        assertTrue(ctx.listener.has("info", "nothing to prepare"));
    }

    @Test
    void oddUserNamesGetNoSudoRules() {
        ScriptedHost host = SimulatedDebianHost.bare().onExact("id -u", "1000\n");
        StepFailedException e = assertThrows(StepFailedException.class,
                () -> new LinuxProvisioner().prepare(new TestContext(host, "bad,user"), SECRET));
        assertEquals(FailureReason.PREPARE_FAILED, e.reason());
        assertEquals(List.of("id -u"), host.commands());
    }

    @Test
    void theSudoersFileAllowsTheHelperAndNothingElse() {
        assertEquals("""
                # Written by `mesh remote prepare`: lets steve run mesh's root helper, and nothing else,
                # without a password. The helper runs only the operations mesh needs. Remove this file to undo.
                steve ALL=(root) NOPASSWD: /usr/local/libexec/mesh/mesh-root
                """, SudoRules.forUser("steve"));
    }

    @Test
    void theInstallScriptIsValidShAndTakesItsFilesAsArguments() throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-n", "-c", PrepareStep.INSTALL_SCRIPT).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        assertEquals("sudo -S -p '' sh -c '" + PrepareStep.INSTALL_SCRIPT.replace("'", "'\\''") + "' mesh-prepare '/tmp/h' '/tmp/s'",
                PrepareStep.installCommand("/tmp/h", "/tmp/s"));
        String script = PrepareStep.INSTALL_SCRIPT;
        int checked = script.indexOf("visudo -cqf \"$rules.mesh-new\" || fail");
        assertTrue(script.indexOf("install -o root -g root -m 0440 \"$rules_src\" \"$rules.mesh-new\"") < checked,
                "checked root-owned, mode 0440, under a name sudo ignores");
        assertTrue(checked < script.indexOf("install -d"), "checked before anything is installed");
        assertTrue(checked < script.indexOf("mv -f \"$rules.mesh-new\" \"$rules\""), "then renamed into place");
        assertTrue(script.contains("install -o root -g root -m 0755 \"$helper_src\""), "root-owned helper");
        assertTrue(script.contains("if ! visudo -cq; then"));
    }
}
