package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.tailscale.TailscaleArguments;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real helper script, run with /bin/sh against recording stubs ({@link HelperSandbox}): every
 * operation passes with exactly the arguments the plugin sends and runs exactly the intended root
 * command; everything else is refused (exit 126) before any root command runs.
 */
class RootHelperTest {
    private static final LinuxSettings SCRIPT = TestContext.linuxSettings("");
    private static final String KEY = "hskey-auth-HELPERTESTKEY";
    private static final RootHelper.Pins PINS = new RootHelper.Pins("http://headscale.test:8080",
            List.of("--accept-dns=false", "--hostname=it's"), false, false, "");

    @TempDir
    Path dir;

    private HelperSandbox sandbox() throws Exception {
        return new HelperSandbox(dir, SCRIPT);
    }

    /** The helper's argv for {@code command}, as {@link LinuxShell#command} sends it. */
    private static List<String> argv(RootCommand command) {
        List<String> argv = new ArrayList<>();
        argv.add(command.op().helperName());
        argv.addAll(command.helperArgs());
        return argv;
    }

    private static void ranExactly(HelperSandbox.Run run, String... commands) {
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(List.of(commands), run.rootCommands());
    }

    @Test
    void everyOperationHasItsOwnCaseInTheHelper() throws Exception {
        String text = sandbox().script.text();
        for (RootOp op : RootOp.values()) {
            assertTrue(text.contains("\n    " + op.helperName() + ")\n"), op.helperName());
        }
    }

    @Test
    void checkPrintsThePinsAndTheScriptPassesShSyntaxCheck() throws Exception {
        HelperSandbox box = new HelperSandbox(dir, SCRIPT, PINS);
        HelperSandbox.Run run = box.run("check");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals("mesh-root " + box.script.pin() + "\nlogin-server http://headscale.test:8080\nreset no\nuserspace no\n"
                + "install " + RootHelper.installPin(SCRIPT) + "\npreference --accept-dns=false\npreference --hostname=it's\n",
                run.stdout());
        assertEquals(16, box.script.pin().length());
        assertEquals(box.script, RootHelper.render(SCRIPT, PINS, box.layout()), "rendering is deterministic");
        assertEquals(new RootHelper.Pins(PINS.loginServer(), PINS.preferences(), false, false, RootHelper.installPin(SCRIPT)),
                RootHelper.Pins.parse(run.stdout()).orElseThrow(), "what the plugin reads back");
        assertEquals(java.util.Optional.empty(), RootHelper.Pins.parse("mesh-root 0123456789abcdef\n"), "an older helper");
        Process syntax = new ProcessBuilder("/bin/sh", "-n", box.helper.toString()).redirectErrorStream(true).start();
        assertEquals(0, syntax.waitFor(), new String(syntax.getInputStream().readAllBytes()));
    }

    @Test
    void pinChangesWithThePinnedSettings() {
        String base = RootHelper.render(SCRIPT, PINS, RootHelper.Layout.HOST).pin();
        LinuxSettings pinned = TestContext.linuxSettings("install.version = \"1.80.2\"");
        assertFalse(base.equals(RootHelper.render(pinned, PINS, RootHelper.Layout.HOST).pin()));
        assertFalse(RootHelper.installPin(SCRIPT).equals(RootHelper.installPin(pinned)));
        assertFalse(base.equals(RootHelper.render(SCRIPT, HelperSandbox.NO_PINS, RootHelper.Layout.HOST).pin()));
        assertTrue(RootHelper.render(SCRIPT, PINS, RootHelper.Layout.HOST).text().contains(
                "\nSCRIPT_URL='https://tailscale.com/install.sh'\n"));
    }

    @Test
    void thePinnedLoginServerAndPreferencesAreAllTailscaleUpAndSetTake() throws Exception {
        HelperSandbox box = new HelperSandbox(dir, SCRIPT, PINS);
        byte[] key = (KEY + "\n").getBytes(StandardCharsets.UTF_8);
        List<String> up = List.of("tailscale-up", "--login-server=http://headscale.test:8080", "--auth-key=file:/dev/stdin",
                "--accept-dns=false", "--hostname=it's", "--accept-routes=false", "--timeout=60s");
        ranExactly(box.run(key, up), "tailscale [up] [--login-server=http://headscale.test:8080] [--auth-key=file:/dev/stdin]"
                + " [--accept-dns=false] [--hostname=it's] [--accept-routes=false] [--timeout=60s]",
                "key read: " + KEY + " from /dev/stdin (not a regular file)");
        for (List<String> refused : List.of(
                List.of("tailscale-up", "--login-server=http://evil.test:8080", "--auth-key=file:/dev/stdin", "--timeout=60s"),
                List.of("tailscale-up", "--login-server=http://headscale.test:8080/", "--auth-key=file:/dev/stdin", "--timeout=60s"),
                List.of("tailscale-up", "--login-server=http://headscale.test:8080", "--auth-key=file:/dev/stdin", "--timeout=60s",
                        "--ssh=true"),
                List.of("tailscale-up", "--login-server=http://headscale.test:8080", "--auth-key=file:/dev/stdin", "--timeout=60s",
                        "--accept-dns=true"),
                List.of("tailscale-up", "--reset", "--login-server=http://headscale.test:8080", "--auth-key=file:/dev/stdin",
                        "--timeout=60s"),
                List.of("tailscale-set", "--ssh=true"), List.of("tailscale-set", "--operator=steve"), List.of("tailscale-set"),
                List.of("tailscaled-userspace"))) {
            HelperSandbox.Run run = box.run(key, refused);
            assertTrue(run.refused(), refused + " -> " + run);
        }
        String other = box.run(key, List.of("tailscale-up", "--login-server=http://evil.test", "--auth-key=file:/dev/stdin",
                "--timeout=1s")).stderr();
        assertEquals("mesh-root: refused: this host was prepared for the login server http://headscale.test:8080, not"
                + " http://evil.test; run mesh remote prepare again\n", other);
        ranExactly(box.run(List.of("tailscale-set", "--accept-dns=false", "--accept-routes=false")),
                "tailscale [set] [--accept-dns=false] [--accept-routes=false]");
    }

    @Test
    void resetAndUserspaceOnlyWhenPinned() throws Exception {
        LinuxSettings userspace = TestContext.linuxSettings("userspace-networking = true");
        HelperSandbox box = new HelperSandbox(dir, userspace, new RootHelper.Pins("http://h:8080",
                List.of("--ssh=false"), true, true, ""));
        ranExactly(box.run((KEY + "\n").getBytes(StandardCharsets.UTF_8), List.of("tailscale-up", "--reset",
                "--login-server=http://h:8080", "--auth-key=file:/dev/stdin", "--timeout=5s")),
                "tailscale [up] [--reset] [--login-server=http://h:8080] [--auth-key=file:/dev/stdin] [--timeout=5s]",
                "key read: " + KEY + " from /dev/stdin (not a regular file)");
        Files.writeString(box.defaults, "# Set the port\nPORT=\"41641\"\n\nFLAGS=\"\"\n");
        HelperSandbox.Run first = box.run("tailscaled-userspace");
        assertEquals("changed\n", first.stdout(), first.stderr());
        assertEquals("# Set the port\nPORT=\"41641\"\n\nFLAGS=\"--tun=userspace-networking \"\n", Files.readString(box.defaults));
        assertEquals("unchanged\n", box.run("tailscaled-userspace").stdout());
        Files.delete(box.defaults);
        assertEquals("changed\n", box.run("tailscaled-userspace").stdout());
        assertEquals("FLAGS=\"--tun=userspace-networking\"\n", Files.readString(box.defaults));
    }

    @Test
    void theJavaAndHelperFormsOfUserspaceNetworkingEditFlagsAlike() throws Exception {
        Path file = dir.resolve("default");
        Files.writeString(file, "PORT=\"41641\"\nFLAGS=\"--verbose=1\"\n");
        Process p = new ProcessBuilder("/bin/sh", "-c", TailscaledService.USERSPACE_SCRIPT.replace(TailscaledService.DEFAULTS,
                file.toString())).redirectErrorStream(true).start();
        assertEquals("changed\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, p.waitFor());
        assertEquals("PORT=\"41641\"\nFLAGS=\"--tun=userspace-networking --verbose=1\"\n", Files.readString(file));
    }

    @Test
    void aptOperationsRunAptWithTheLockTimeoutAndNoPrompts() throws Exception {
        HelperSandbox box = sandbox();
        ranExactly(box.run(argv(RootCommand.aptWaitForLock(SCRIPT))),
                "apt-get [install] [-y] [-o] [DPkg::Lock::Timeout=120]", "DEBIAN_FRONTEND=noninteractive");
        ranExactly(box.run(argv(RootCommand.aptUpdate(SCRIPT))),
                "apt-get [-o] [DPkg::Lock::Timeout=120] [update]", "DEBIAN_FRONTEND=noninteractive");
        ranExactly(box.run(argv(RootCommand.installSyncthing(PackageManager.APT, SCRIPT))),
                "apt-get [install] [-y] [-o] [DPkg::Lock::Timeout=120] [syncthing]", "DEBIAN_FRONTEND=noninteractive");
        ranExactly(box.run(argv(RootCommand.installSyncthing(PackageManager.DNF, SCRIPT))), "dnf [install] [-y] [syncthing]");
        ranExactly(box.run(argv(RootCommand.installSyncthing(PackageManager.APK, SCRIPT))), "apk [add] [syncthing]");
    }

    @Test
    void servicesAreTailscaledAndTheCallersSyncthing() throws Exception {
        HelperSandbox box = sandbox();
        ranExactly(box.run(argv(RootCommand.enableTailscaled())), "systemctl [enable] [--now] [tailscaled]");
        ranExactly(box.run(argv(RootCommand.enableSyncthing("steve"))), "systemctl [enable] [--now] [syncthing@steve]");
        ranExactly(box.run(argv(RootCommand.startTailscaleOpenRc())),
                "rc-update [add] [tailscale] [default]", "rc-service [tailscale] [start]");
        ranExactly(box.run(argv(RootCommand.tailscaledLog())), "tail [-n] [20] [" + dir.resolve("tailscaled.log") + "]");
        ranExactly(box.run(argv(RootCommand.tailscalePrefs("/usr/bin/tailscale"))), "tailscale [debug] [prefs]");
        ranExactly(box.run(argv(RootCommand.serviceLog("tailscaled"))), "journalctl [-u] [tailscaled] [-n] [20] [--no-pager]");
        ranExactly(box.run(argv(RootCommand.serviceLog("syncthing@steve"))),
                "journalctl [-u] [syncthing@steve] [-n] [20] [--no-pager]");
        HelperSandbox.Run path = box.run(argv(RootCommand.tailscalePath()));
        assertEquals(box.bin.resolve("tailscale") + "\n", path.stdout(), "its own PATH's tailscale");
    }

    @Test
    void backgroundStartRunsTailscaledDetached() throws Exception {
        HelperSandbox box = sandbox();
        HelperSandbox.Run run = box.run(argv(RootCommand.startTailscaledInBackground(false)));
        assertEquals(0, run.exit(), run.stderr());
        assertEquals("mkdir [-p] [/var/lib/tailscale]", run.rootCommands().get(0));
        String nohup = "nohup [tailscaled] [--state=/var/lib/tailscale/tailscaled.state]";
        for (int i = 0; i < 100 && !Files.readAllLines(box.log).contains(nohup); i++) {
            Thread.sleep(20); // started in the background: its line may come after the helper exits
        }
        assertEquals(List.of("mkdir [-p] [/var/lib/tailscale]", nohup), Files.readAllLines(box.log));
    }

    @Test
    void tailscaleUpGetsTheKeyOnItsStandardInputAndNoFileExists() throws Exception {
        HelperSandbox box = sandbox();
        List<String> flags = TailscaleArguments.up(URI.create("http://headscale.test:8080"), Duration.ofSeconds(60),
                List.of("--accept-routes=false"), false, false, List.of());
        RootCommand up = RootCommand.tailscaleUp("/usr/bin/tailscale", flags.subList(1, flags.size()));
        HelperSandbox.Run run = box.run((KEY + "\n").getBytes(StandardCharsets.UTF_8), argv(up));
        ranExactly(run, "tailscale [up] [--login-server=http://headscale.test:8080] [--auth-key=file:/dev/stdin]"
                        + " [--accept-routes=false] [--timeout=60s]",
                "key read: " + KEY + " from /dev/stdin (not a regular file)");
        assertEquals(List.of(), box.leftInTmp(), "no key file");

        HelperSandbox.Run forced = box.run((KEY + "\n").getBytes(StandardCharsets.UTF_8), List.of("tailscale-up",
                "--login-server=https://hs.example.com", "--auth-key=file:/dev/stdin", "--timeout=5s", "--force-reauth"));
        assertEquals(0, forced.exit(), forced.stderr());
        assertEquals("tailscale [up] [--login-server=https://hs.example.com] [--auth-key=file:/dev/stdin] [--timeout=5s]"
                + " [--force-reauth]", forced.rootCommands().get(0));
    }

    @Test
    void installScriptDownloadsThePinnedUrlAndRunsItWithThePinnedTrack() throws Exception {
        LinuxSettings pinned = TestContext.linuxSettings(
                "install { script-url = \"https://mirror.test/install.sh\", track = stable, version = \"1.80.2\" }");
        HelperSandbox box = new HelperSandbox(dir, pinned);
        HelperSandbox.Run run = box.run(argv(RootCommand.installTailscaleScript(pinned)));
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.rootCommands().get(0).matches("curl \\[-fsSL] \\[-o] \\[" + box.tmp + "/mesh-install\\.\\w+] "
                + "\\[https://mirror\\.test/install\\.sh]"), run.rootCommands().toString());
        assertEquals("install.sh ran TRACK=stable TAILSCALE_VERSION=1.80.2", run.rootCommands().get(1));
        assertEquals(List.of(), box.leftInTmp());
        assertTrue(box.run("install-tailscale-upload", box.tmp + "/mesh-tailscale-" + "0".repeat(32) + ".deb").refused());
    }

    @Test
    void uploadInstallsOnlyTheFileWhoseSha256WasPinned(@TempDir Path local) throws Exception {
        Path deb = local.resolve("tailscale_1.80.2_amd64.deb");
        Files.write(deb, new byte[] {1, 2, 3, 4});
        LinuxSettings upload = TestContext.linuxSettings(
                "install { method = upload, upload-file = \"" + deb + "\" }");
        HelperSandbox box = new HelperSandbox(dir, upload);

        Path same = box.upload("mesh-tailscale-", ".deb", new byte[] {1, 2, 3, 4});
        HelperSandbox.Run run = box.run(argv(RootCommand.installTailscaleUpload(upload, LinuxSettings.UploadKind.DEB,
                same.toString())));
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.rootCommands().get(0).matches("apt-get \\[install] \\[-y] \\[-o] \\[DPkg::Lock::Timeout=120] \\["
                + box.tmp + "/mesh-root\\.\\w+/" + same.getFileName().toString().replace(".", "\\.") + "]"),
                run.rootCommands().toString());
        assertEquals(List.of(), box.leftInTmp());

        Path modified = box.upload("mesh-tailscale-", ".deb", new byte[] {1, 2, 3, 5});
        HelperSandbox.Run refused = box.run("install-tailscale-upload", modified.toString());
        assertTrue(refused.refused(), refused.toString());
        assertTrue(refused.stderr().contains("sha256"), refused.stderr());
        assertTrue(box.run("install-tailscale-script").refused(), "prepared for upload, not the script");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "bash", "sh|-c|id", "tailscaled", "tailscale", "tailscale upx", "tailscale-upx", "Check", "check|extra",
        "apt-update|-o|APT::Update::Pre-Invoke::=/bin/sh", "apt-wait-lock|-o|APT::Update::Pre-Invoke::=/bin/sh",
        "apt-update|--|-o", "install-syncthing|apt|-o|APT::Update::Pre-Invoke::=/bin/sh", "install-syncthing|apt -o x",
        "install-syncthing|emerge", "install-syncthing", "tailscale-prefs|--help",
        "enable-service|ssh", "enable-service|syncthing@root", "enable-service|syncthing@steve x",
        "enable-service|tailscaled|--now", "enable-service|syncthing@*", "enable-service",
        "start-tailscaled-background|--state=/etc/shadow", "tailscaled-log|/etc/shadow",
        "tailscale-up|--login-server=http://h|--auth-key=file:/etc/shadow|--timeout=5s",
        "tailscale-up|--login-server=http://h|--auth-key=tskey-abc|--timeout=5s",
        "tailscale-up|--login-server=http://h|--authkey=tskey-abc|--timeout=5s",
        "tailscale-up|--login-server=http://h|--auth-key=file:KEY|--timeout=5s",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin/../../etc/shadow|--timeout=5s",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin|--auth-key=file:/dev/stdin|--timeout=5s",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin|--timeout=5s|--ssh",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin|--timeout=5s|--exit-node=x",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin|--timeout=5s|--accept-routes=yes",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin|--timeout=5s|--accept-routes",
        "tailscale-up|--reset|--login-server=http://h|--auth-key=file:/dev/stdin|--timeout=5s",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin|--timeout=5s|",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin|--timeout=5s|--operator=steve",
        "tailscale-set|--accept-routes=true", "tailscale-set|--ssh=true", "tailscale-set|--advertise-exit-node",
        "tailscale-set", "tailscale-path|x", "tailscaled-userspace", "tailscaled-userspace|x",
        "service-log|ssh", "service-log|syncthing@root", "service-log|tailscaled|-f", "service-log",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin|--timeout=5",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin|--timeout=5s;id",
        "tailscale-up|--login-server=http://h|--auth-key=file:/dev/stdin",
        "tailscale-up|--login-server=http://h|--timeout=5s",
        "tailscale-up|--login-server=http://h|--login-server=http://h|--auth-key=file:/dev/stdin|--timeout=5s",
        "tailscale-up|--login-server=http://h/$(id)|--auth-key=file:/dev/stdin|--timeout=5s",
        "tailscale-up|--login-server=http://h;id|--auth-key=file:/dev/stdin|--timeout=5s",
        "tailscale-up|--login-server=http://h id|--auth-key=file:/dev/stdin|--timeout=5s",
        "tailscale-up|--login-server=http://h'|--auth-key=file:/dev/stdin|--timeout=5s",
        "tailscale-up|--login-server=file:///etc/shadow|--auth-key=file:/dev/stdin|--timeout=5s",
        "tailscale-up|--login-server=http://|--auth-key=file:/dev/stdin|--timeout=5s",
        "install-tailscale-script|https://evil.test/x.sh",
        "install-tailscale-upload|TMP/mesh-tailscale-00000000000000000000000000000000.deb",
    })
    void attacksAreRefusedBeforeAnyRootCommand(String spec) throws Exception {
        HelperSandbox box = sandbox();
        Path key = box.upload("mesh-authkey-", "", (KEY + "\n").getBytes(StandardCharsets.UTF_8));
        List<String> args = spec.isEmpty() ? List.of() : List.of(spec.replace("TMP", box.tmp.toString())
                .replace("KEY", key.toString()).split("\\|", -1));
        HelperSandbox.Run run = box.run(args);
        assertTrue(run.refused(), args + " -> " + run);
        assertFalse(run.stderr().contains(KEY));
    }

    @Test
    void aKeyFileIsRefusedWhateverItIsAndNeverRead() throws Exception {
        HelperSandbox box = sandbox();
        Path secret = Files.writeString(dir.resolve("shadow"), "root:SECRET-HASH\n");
        Path link = box.tmp.resolve("mesh-authkey-" + "ab".repeat(16));
        Files.createSymbolicLink(link, secret);
        HelperSandbox.Run run = box.run("tailscale-up", "--login-server=http://h", "--auth-key=file:" + link, "--timeout=5s");
        assertTrue(run.refused(), run.toString());
        assertTrue(run.stderr().contains("standard input"), run.stderr());
        assertFalse(run.stderr().contains("SECRET-HASH"));
        assertEquals("root:SECRET-HASH\n", Files.readString(secret), "target untouched");
    }

    @Test
    void anUploadOwnedByAnotherUserIsRefused(@TempDir Path local) throws Exception {
        Path deb = local.resolve("tailscale.deb");
        Files.write(deb, new byte[] {7});
        HelperSandbox box = new HelperSandbox(dir, TestContext.linuxSettings("install { method = upload, upload-file = \"" + deb + "\" }"));
        Path upload = box.upload("mesh-tailscale-", ".deb", new byte[] {7});
        box.sudoUid = String.valueOf(Integer.parseInt(box.sudoUid) + 1); // the file's owner is not the caller
        HelperSandbox.Run run = box.run("install-tailscale-upload", upload.toString());
        assertTrue(run.refused(), run.toString());
        assertTrue(run.stderr().contains("owned by steve"), run.stderr());
        assertFalse(Files.exists(upload), "taken over and removed, so it cannot be swapped afterwards");
        assertEquals(List.of(), box.leftInTmp());
    }

    @Test
    void withoutSudoTheCallerIsUnknownAndRefused() throws Exception {
        HelperSandbox box = sandbox();
        box.sudoUid = null;
        assertTrue(box.run("enable-service", "syncthing@steve").refused());
        box.sudoUid = "0";
        box.sudoUser = "";
        assertTrue(box.run("enable-service", "syncthing@").refused());
    }

    @Test
    void removalOperationsTakeOnlyWhatMeshSends() throws Exception {
        HelperSandbox box = sandbox();
        assertTrue(box.run("tailscale-logout", "--force").refused());
        assertTrue(box.run("uninstall-tailscale", "apt; rm -rf /").refused());
        assertTrue(box.run("uninstall-tailscale").refused());
        assertTrue(box.run("unprepare", "/etc/shadow").refused());
    }

    @Test
    void everyPrivilegedCommandThePluginBuildsIsCovered() {
        Set<RootOp> built = EnumSet.noneOf(RootOp.class);
        for (RootCommand c : List.of(RootCommand.aptWaitForLock(SCRIPT), RootCommand.aptUpdate(SCRIPT),
                RootCommand.installSyncthing(PackageManager.APT, SCRIPT), RootCommand.enableTailscaled(),
                RootCommand.enableSyncthing("steve"), RootCommand.startTailscaleOpenRc(),
                RootCommand.startTailscaledInBackground(false), RootCommand.tailscaledLog(),
                RootCommand.tailscalePrefs("/usr/bin/tailscale"), RootCommand.tailscalePath(),
                RootCommand.serviceLog("tailscaled"), RootCommand.tailscaledUserspace(),
                RootCommand.tailscaleSet("/usr/bin/tailscale", List.of("--ssh=false")),
                RootCommand.tailscaleUp("/usr/bin/tailscale", List.of("--login-server=http://h", "--auth-key=file:/dev/stdin",
                        "--timeout=1s")),
                RootCommand.installTailscaleScript(SCRIPT),
                RootCommand.installTailscaleUpload(SCRIPT, LinuxSettings.UploadKind.DEB, "/tmp/x.deb"),
                RootCommand.tailscaleLogout("/usr/bin/tailscale"), RootCommand.uninstallTailscale(PackageManager.APT, SCRIPT),
                RootCommand.unprepare())) {
            built.add(c.op());
        }
        built.add(RootOp.CHECK); // sent by LinuxShell and PrepareStep directly
        assertEquals(EnumSet.allOf(RootOp.class), built);
    }
}
