// PreparedSudo below stands in for sudo and visudo on a Debian 12 host (which cannot run here): sudo wants a password for everything, `sudo -S` takes the one password, and after prepare only the installed root helper runs without one.
package dev.mesh.cli;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.CommandResult;
import dev.mesh.os.linux.SimulatedDebianHost;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SimulatedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mesh remote prepare} through the real CLI, SSH client and Linux plugin, then
 * {@code mesh remote provision} on the prepared host: no password, root only through the helper.
 */
class PrepareLinuxEndToEndTest extends SimulatedDebianCliTest {
    private static final String PASSWORD = "correct horse 'battery' $(staple)";
    private static final String HELPER = "sudo -n /usr/local/libexec/mesh/mesh-root ";

    PreparedSudo sudo;

    @BeforeEach
    void askForASudoPassword() throws Exception {
        sudo = new PreparedSudo(debian);
    }

    private int prepare() {
        cli.stdin = PASSWORD + "\n";
        return cli.run("remote", "prepare", "steve@127.0.0.1", "-p", String.valueOf(debian.host.port()),
                "-i", debian.host.clientKey().toString(), "--sudo-password-stdin");
    }

    private int provision() {
        cli.stdin = "";
        return cli.run("remote", "provision", "steve@127.0.0.1", "-p", String.valueOf(debian.host.port()),
                "-s", "http://127.0.0.1:8080", "-i", debian.host.clientKey().toString());
    }

    @Test
    void provisionNeedsPrepareFirstThenWorksWithoutAPasswordThroughTheHelperOnly() throws Exception {
        assertEquals(1, provision(), cli.output());
        assertTrue(cli.output().contains("sudo requires password") && cli.output().contains("mesh remote prepare"),
                cli.output());

        assertEquals(0, prepare(), cli.output());
        assertTrue(cli.out.contains("Prepared steve@127.0.0.1"), cli.out);
        assertTrue(sudo.helper.startsWith("#!/bin/sh\n# mesh-root:"), sudo.helper);
        assertEquals("steve ALL=(root) NOPASSWD: /usr/local/libexec/mesh/mesh-root",
                sudo.rules.lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow());
        try (Stream<Path> tmp = Files.list(debian.host.file("/tmp"))) {
            assertEquals(List.of(), tmp.toList(), "uploaded files removed");
        }

        int before = debian.host.commands().size();
        assertEquals(0, provision(), cli.output());
        assertTrue(cli.out.contains("is on the mesh: " + SimulatedDebianHost.TAILSCALE_IP), cli.out);
        assertEquals(CliHarness.KEY, debian.keyReadByUp);
        List<String> provisionCommands = debian.host.commands().subList(before, debian.host.commands().size());
        List<String> privileged = provisionCommands.stream().filter(c -> c.contains("sudo")).toList();
        assertEquals("sudo -n true", privileged.get(0), "full sudo is tried first");
        for (String c : privileged.subList(1, privileged.size())) {
            assertTrue(c.startsWith(HELPER), "root without the helper: " + c);
        }
        for (String op : List.of("'check'", "'apt-wait-lock'", "'install-tailscale-script'", "'enable-service' 'tailscaled'",
                "'tailscale-up' ", "'apt-update'", "'install-syncthing' 'apt'", "'enable-service' 'syncthing@steve'")) {
            assertTrue(privileged.stream().anyMatch(c -> c.startsWith(HELPER + op)), op + " in " + privileged);
        }
        assertNoPassword();
    }

    @Test
    void prepareSendsThePasswordOnlyToSudoAndARerunSaysAlreadyPrepared() {
        assertEquals(0, prepare(), cli.output());
        List<String> commands = debian.host.commands();
        assertEquals("sudo -S -p '' -v", commands.get(commands.indexOf("id -u") + 1));
        String install = commands.stream().filter(c -> c.startsWith("sudo -S -p '' sh -c ") && c.contains(" mesh-prepare "))
                .findFirst().orElseThrow();
        assertTrue(install.matches("(?s).* mesh-prepare '/tmp/mesh-prepare-helper-[0-9a-f]{32}' "
                + "'/tmp/mesh-prepare-sudoers-[0-9a-f]{32}'"), install);
        List<String> beforeCleanup = commands.stream().filter(c -> !c.startsWith("rm -f '/tmp/mesh-prepare-")).toList();
        assertEquals(HELPER + "'check'", beforeCleanup.get(beforeCleanup.size() - 1));
        assertEquals(List.of("rm -f '/tmp/mesh-prepare-sudoers-", "rm -f '/tmp/mesh-prepare-helper-"),
                commands.subList(commands.size() - 2, commands.size()).stream().map(c -> c.substring(0, c.length() - 33))
                        .toList(), "the run removes what PREPARING registered when the state ends, whatever ends it");

        assertEquals(0, prepare(), cli.output());
        assertTrue(cli.out.contains("was already prepared"), cli.out);
        assertTrue(cli.out.contains("Already prepared: /usr/local/libexec/mesh/mesh-root"), cli.out);
        assertEquals(2, sudo.installs, "the second run changed nothing");
        assertNoPassword();
    }

    @Test
    void wrongPasswordFailsWithoutInstallingAnything() {
        sudo.password = "something else";
        assertEquals(1, prepare(), cli.output());
        assertTrue(cli.output().contains("Could not prepare the host") && cli.output().contains("sudo rejected the password"),
                cli.output());
        assertEquals(0, sudo.installs);
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.startsWith("sudo -S -p '' sh")));
        assertNoPassword();
    }

    private void assertNoPassword() {
        for (String c : debian.host.commands()) {
            assertFalse(c.contains(PASSWORD) || c.contains("battery"), "password in a command line: " + c);
        }
        assertFalse(cli.output().contains("battery"), "password in the output");
    }

    /**
     * sudo's side of the Debian host: {@code sudo -S} reads the password from standard input and
     * accepts only {@link #password}; after prepare, only the installed helper runs without one.
     */
    static final class PreparedSudo {
        private static final Pattern INSTALL = Pattern.compile(
                "^sudo -S -p '' sh -c '.*' mesh-prepare '(/tmp/mesh-prepare-helper-[0-9a-f]{32})' '(/tmp/mesh-prepare-sudoers-[0-9a-f]{32})'$",
                Pattern.DOTALL);
        private static final Pattern PIN = Pattern.compile("\nPIN='([0-9a-f]{16})'\n");

        /** The account's password; the test sends {@link #PASSWORD}. */
        String password = PASSWORD;
        String helper = "";
        String rules = "";
        int installs;
        private final SimulatedDebianHost<SimulatedHost> debian;

        PreparedSudo(SimulatedDebianHost<SimulatedHost> debian) {
            debian.host.on(c -> c.startsWith("sudo "), (c, h) -> result(1, "", "sudo: a password is required\n"))
                    .onCall("sudo -S -p '' -v"::equals, (call, h) -> accepts(call) ? ok("")
                            : result(1, "", "Sorry, try again.\nsudo: no password was provided\nsudo: 1 incorrect password attempt\n"))
                    .onCall(c -> INSTALL.matcher(c).matches(), (call, h) -> accepts(call) ? install(call.command(), h)
                            : result(1, "", "sudo: 1 incorrect password attempt\n"))
                    .onCall(c -> c.startsWith("sudo -S -p '' sh -c 'exec </dev/null; t=$(command -v tailscale)"),
                            (call, h) -> accepts(call) ? ok(debian.tailscaleInstalled ? debian.node.prefsJson() : "")
                                    : result(1, "", "sudo: 1 incorrect password attempt\n"))
                    .onCall(c -> c.startsWith(HELPER), (call, h) -> helper());
            this.debian = debian;
        }

        /** What sudo -S reads on its standard input is the account's password. */
        private boolean accepts(ScriptedHost.Call call) {
            return call.input().equals(password + "\n");
        }

        private CommandResult install(String command, ScriptedHost host) throws Exception {
            Matcher m = INSTALL.matcher(command);
            m.matches();
            String newHelper = Files.readString(host.file(m.group(1)));
            String newRules = Files.readString(host.file(m.group(2)));
            boolean changed = !newHelper.equals(helper) || !newRules.equals(rules);
            helper = newHelper;
            rules = newRules;
            installs++;
            debian.preparedWith(helper); // the helper's operations, as the model's prepared host runs them
            Files.delete(host.file(m.group(1)));
            Files.delete(host.file(m.group(2)));
            return ok("mesh-prepare: " + (changed ? "changed" : "unchanged") + "\n");
        }

        /** Before prepare installed the helper, sudo asks for a password for it too. */
        private CommandResult helper() {
            return result(1, "", "sudo: a password is required\n");
        }
    }
}
