package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's "Done means": {@code mesh host import} of an Ansible INI inventory, then
 * {@code mesh remote provision --all} brings every host into the mesh in one process, with the live
 * view on a real terminal and a summary. The provision runs as its own JVM under {@code script(1)},
 * which gives it a pseudo-terminal (so JLine's exec provider talks to a real tty through stty).
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class AnsibleToMeshTest {
    @TempDir
    Path dir;

    @Test
    void importThenProvisionAllJoinsEveryHostWithALiveViewAndASummary() throws Exception {
        List<LinuxHost> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                hosts.add(LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.NOPASSWD), 0));
            }
            MeshCli mesh = new MeshCli(dir);
            Path inventory = dir.resolve("hosts.conf");
            StringBuilder ini = new StringBuilder("[web]\n");
            for (int i = 0; i < hosts.size(); i++) {
                ini.append("web").append(i + 1).append(" ansible_host=127.0.0.1 ansible_port=").append(hosts.get(i).port())
                        .append('\n');
            }
            ini.append("\n[all:vars]\nansible_user=steve\nansible_ssh_private_key_file=")
                    .append(ClientKey.shared().privateKey()).append('\n');
            Path hostsIni = dir.resolve("hosts.ini");
            Files.writeString(hostsIni, ini.toString());

            MeshCli.Run imported = mesh.run(List.of("--inventory", inventory.toString(), "host", "import", hostsIni.toString()));
            assertEquals(0, imported.exitCode(), imported.output());

            Path typescript = dir.resolve("typescript");
            // The command first, as users type it: that is what starts the SSH warm-up (SshWarmup), which
            // this fresh JVM then runs next to three connections.
            int exit = underTerminal(mesh, typescript, "remote", "provision", "--all", "--config", mesh.config.toString(),
                    "--inventory", inventory.toString(), "-s", MeshCli.SERVER, "--skip-syncthing");
            String screen = Files.readString(typescript, StandardCharsets.UTF_8);
            String text = screen.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");

            assertEquals(0, exit, text);
            for (int i = 0; i < hosts.size(); i++) {
                assertEquals(1, TailscaleDouble.upCount(hosts.get(i)), "web" + (i + 1) + " joined");
                assertEquals(1, hosts.get(i).acceptedLogins(), "one SSH connection for web" + (i + 1));
            }
            assertTrue(screen.contains("\u001b[?25l"), "the live view took the terminal (cursor hidden)");
            assertTrue(screen.contains("\u001b[36m"), "steps drawn in colour");
            assertTrue(text.contains("3 of 3 done"), text);
            assertTrue(text.contains("✓") && text.contains("web1  on the mesh: " + TailscaleDouble.IP), text);
            assertTrue(text.matches("(?s).*HOST +OUTCOME +TAILSCALE IP.*web3 +✓ joined +" + TailscaleDouble.IP.replace(".", "\\.")
                    + ".*"), text);
            assertTrue(text.contains("3 hosts in ") && text.contains("3 succeeded (3 changed, 0 unchanged), 0 failed"), text);
            assertTrue(!text.contains("web1: SSH_TESTING"), "no plain per-step lines on a terminal");
            Measured.report("ansible import + provision --all on a terminal:%n%s", text);
        } finally {
            hosts.forEach(LinuxHost::close);
        }
    }

    /** Runs {@code bin/mesh ARGS} (this JVM's class path) in a 120x40 pseudo-terminal; its screen goes to {@code typescript}. */
    private static int underTerminal(MeshCli mesh, Path typescript, String... args) throws Exception {
        StringBuilder cmd = new StringBuilder("stty rows 40 cols 120; exec ");
        cmd.append(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString())).append(" -cp ")
                .append(quote(System.getProperty("java.class.path"))).append(" dev.mesh.cli.Main");
        for (String a : args) {
            cmd.append(' ').append(quote(a));
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-qefc", cmd.toString(), typescript.toString());
        Map<String, String> env = pb.environment();
        env.putAll(mesh.env);
        env.put("TERM", "xterm-256color");
        env.remove("NO_COLOR");
        env.remove(DockerCondition.REQUIRE); // not a mesh setting: it would be warned about
        pb.redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mesh under script did not end in 180 s");
        }
        return p.exitValue();
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
