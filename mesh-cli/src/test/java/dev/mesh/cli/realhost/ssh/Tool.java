package dev.mesh.cli.realhost.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs this machine's OpenSSH tools ({@code ssh}, {@code ssh-keygen}, {@code ssh-agent},
 * {@code ssh-add}) with a clean environment, a bounded time and the output captured: the
 * reference that mesh's behaviour is compared with.
 */
final class Tool {
    /** One run: exit status and output. */
    record Result(int exit, String out, String err) {
        String output() {
            return out + err;
        }
    }

    private Tool() {
    }

    static Result run(Path workDir, Map<String, String> env, String stdin, String... command) {
        try {
            Path out = Files.createTempFile(workDir, "out", ".txt");
            Path err = Files.createTempFile(workDir, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/bin:/bin");
            pb.environment().putAll(env);
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the tool exited without reading its input
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 30 s");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result run(Path workDir, String... command) {
        return run(workDir, Map.of(), "", command);
    }

    /** Like {@link #run(Path, String...)}, failing the test on a non-zero exit. */
    static String ok(Path workDir, String... command) {
        Result r = run(workDir, command);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exit() + ": " + r.output());
        }
        return r.out();
    }

    /**
     * {@code ssh} in batch mode against the test host with only {@code sshConfig} as configuration
     * ({@code -F}), running {@code true}; the options come before the destination.
     */
    static Result ssh(Path workDir, Path sshConfig, Map<String, String> env, String destination, String... options) {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-F", sshConfig.toString(), "-o", "BatchMode=yes"));
        cmd.addAll(List.of(options));
        cmd.add(destination);
        cmd.add("true");
        return run(workDir, env, "", cmd.toArray(String[]::new));
    }

    /** A new key pair made by {@code ssh-keygen} ({@code -N ''} unless a passphrase is given); the private key's path. */
    static Path keygen(Path dir, String name, String type, String passphrase) {
        Path file = dir.resolve(name);
        ok(dir, "ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", name, "-f", file.toString());
        return file;
    }

    static String publicLine(Path privateKey) {
        try {
            return Files.readString(Path.of(privateKey + ".pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
