package dev.mesh.cli.realhost.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code ssh-agent} in the foreground ({@code -D}) on a socket in the test's
 * directory; keys are added with the real {@code ssh-add}. A passphrase reaches ssh-add through an
 * {@code SSH_ASKPASS} script, as a desktop would, never through its arguments.
 */
final class SshAgent implements AutoCloseable {
    private final Process process;
    final Path socket;
    private final Path dir;

    private SshAgent(Process process, Path socket, Path dir) {
        this.process = process;
        this.socket = socket;
        this.dir = dir;
    }

    static SshAgent start(Path dir) {
        Path socket = dir.resolve("agent.sock");
        try {
            ProcessBuilder pb = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile());
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/bin:/bin");
            Process p = pb.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket)) {
                if (System.nanoTime() > end || !p.isAlive()) {
                    p.destroyForcibly();
                    throw new AssertionError("ssh-agent did not create " + socket);
                }
                Thread.sleep(20);
            }
            return new SshAgent(p, socket, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> env() {
        return Map.of("SSH_AUTH_SOCK", socket.toString());
    }

    /** {@code ssh-add KEY}, answering its passphrase question (if any) through SSH_ASKPASS. */
    SshAgent add(Path key, String passphrase) {
        try {
            Path askpass = dir.resolve("askpass.sh");
            Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' '" + passphrase + "'\n");
            Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
            Tool.Result r = Tool.run(dir, Map.of("SSH_AUTH_SOCK", socket.toString(), "SSH_ASKPASS", askpass.toString(),
                    "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0"), "", "ssh-add", key.toString());
            Files.delete(askpass);
            if (r.exit() != 0) {
                throw new AssertionError("ssh-add " + key + " exited " + r.exit() + ": " + r.output());
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
