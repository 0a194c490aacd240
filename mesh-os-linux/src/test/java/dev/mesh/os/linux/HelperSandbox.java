// Stands in for the root-run programs the mesh-root helper calls (apt-get, systemctl, tailscale, tailscaled, curl, rpm, the package managers, rc-update/rc-service, nohup, mkdir, tail): each stub only records its arguments, so the real helper script runs here under /bin/sh without root and without touching the system.
package dev.mesh.os.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the rendered helper ({@link RootHelper}) with {@code /bin/sh} in a temporary directory. Its
 * PATH holds only the recording stubs and the few real utilities the helper itself uses (mv, stat,
 * mktemp, sha256sum, cat, cp, rm, rmdir, chmod, grep, sed, sh, and timeout, which runs an operation in a process group),
 * so a command the helper was not meant to run
 * fails with "not found" instead of running for real.
 */
final class HelperSandbox {
    private static final List<String> STUBS = List.of("apt-get", "systemctl", "tailscale", "tailscaled", "curl", "rpm",
            "dnf", "yum", "zypper", "pacman", "apk", "rc-update", "rc-service", "nohup", "mkdir", "tail", "journalctl");
    private static final List<String> REAL = List.of("sh", "mv", "stat", "mktemp", "sha256sum", "cat", "cp", "rm", "rmdir",
            "chmod", "grep", "sed", "timeout");
    /** Pins nothing: any http(s) login server, no preference flags, no reset (the attack tests' helper). */
    static final RootHelper.Pins NO_PINS = new RootHelper.Pins("", List.of(), false, false, "");

    /** What one run of the helper did. */
    record Run(int exit, String stdout, String stderr, List<String> rootCommands) {
        boolean refused() {
            return exit == 126 && stderr.startsWith("mesh-root: refused: ") && rootCommands.isEmpty();
        }
    }

    final Path dir;
    final Path bin;
    final Path tmp;
    final Path log;
    final Path helper;
    final Path defaults;
    final RootHelper.Script script;
    String sudoUid;
    String sudoUser = "steve";

    HelperSandbox(Path dir, LinuxSettings settings) throws IOException {
        this(dir, settings, NO_PINS);
    }

    HelperSandbox(Path dir, LinuxSettings settings, RootHelper.Pins pins) throws IOException {
        this.dir = dir;
        this.bin = Files.createDirectories(dir.resolve("bin"));
        this.tmp = Files.createDirectories(dir.resolve("tmp"));
        this.log = dir.resolve("root-commands.log");
        for (String name : STUBS) {
            stub(name, "");
        }
        stub("apt-get", "printf 'DEBIAN_FRONTEND=%s\\n' \"${DEBIAN_FRONTEND:-}\" >> " + LinuxShell.q(log.toString()));
        // reads --auth-key=file:PATH as the real CLI does (os.ReadFile(PATH)), and says what PATH was
        stub("tailscale", """
                for a in "$@"; do
                  case $a in --auth-key=file:*) f=${a#--auth-key=file:}
                    if [ -f "$f" ]; then kind='a regular file'; else kind='not a regular file'; fi
                    printf 'key read: %s from %s (%s)\\n' "$(cat "$f")" "$f" "$kind" >> LOG ;; esac
                done
                """.replace("LOG", LinuxShell.q(log.toString())));
        stub("curl", """
                while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
                printf '%s\\n' 'echo "install.sh ran TRACK=${TRACK:-} TAILSCALE_VERSION=${TAILSCALE_VERSION:-}" >> LOG' > "$out"
                """.replace("LOG", LinuxShell.q(log.toString())));
        for (String name : REAL) {
            Path real = Files.exists(Path.of("/bin", name)) ? Path.of("/bin", name) : Path.of("/usr/bin", name);
            Path wrapper = bin.resolve(name);
            Files.writeString(wrapper, "#!/bin/sh\nexec " + real + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        this.defaults = dir.resolve("default-tailscaled");
        this.script = RootHelper.render(settings, pins, layout());
        this.helper = dir.resolve("mesh-root");
        Files.writeString(helper, script.text());
        this.sudoUid = String.valueOf(Files.getAttribute(dir, "unix:uid"));
    }

    /** Where this sandbox's helper finds things. */
    RootHelper.Layout layout() {
        return new RootHelper.Layout(bin.toString(), tmp.toString(), dir.resolve("tailscaled.log").toString(),
                defaults.toString());
    }

    private void stub(String name, String extra) throws IOException {
        Path stub = bin.resolve(name);
        Files.writeString(stub, "#!/bin/sh\n{ printf '%s' " + LinuxShell.q(name)
                + "; for a in \"$@\"; do printf ' [%s]' \"$a\"; done; printf '\\n'; } >> " + LinuxShell.q(log.toString()) + "\n"
                + extra);
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the helper as sudo would: a clean environment with SUDO_UID and SUDO_USER, nothing on stdin. */
    Run run(List<String> args) throws IOException, InterruptedException {
        return run(new byte[0], args);
    }

    /** As {@link #run(List)}, with {@code stdin} on the helper's standard input (as mesh sends the auth key). */
    Run run(byte[] stdin, List<String> args) throws IOException, InterruptedException {
        Files.deleteIfExists(log);
        List<String> argv = new ArrayList<>(List.of("/bin/sh", helper.toString()));
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/nonexistent");
        if (sudoUid != null) {
            env.put("SUDO_UID", sudoUid);
        }
        if (sudoUser != null) {
            env.put("SUDO_USER", sudoUser);
        }
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the helper refused before reading its input
        }
        int exit = p.waitFor();
        List<String> commands = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Run(exit, Files.readString(out), Files.readString(err), commands);
    }

    Run run(String... args) throws IOException, InterruptedException {
        return run(List.of(args));
    }

    /** A file as the plugin uploads it: {@code TMP/<prefix><32 hex><suffix>}, owned by the test's user. */
    Path upload(String prefix, String suffix, byte[] content) throws IOException {
        String name = TempPath.unique(prefix, suffix).substring("/tmp/".length());
        Path file = tmp.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** The temp directory holds nothing (the helper removed what it took over and its own files). */
    List<Path> leftInTmp() throws IOException {
        try (var files = Files.list(tmp)) {
            return files.toList();
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
