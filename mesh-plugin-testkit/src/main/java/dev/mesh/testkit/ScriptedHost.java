package dev.mesh.testkit;

import dev.mesh.api.CommandResult;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.TargetHost;
import dev.mesh.api.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A simulated machine for plugin tests: answers command lines from a table, keeps a file system in
 * a local directory, and records every command with its standard input. Reach it in-process through
 * {@link #connection} (fast, records timeouts, can break uploads on purpose), or over a real SSH
 * server with {@link SimulatedHost}, which is one of these. An OS model (a Debian host, a Windows
 * host, ...) is a set of rules installed on a {@code ScriptedHost}, so the same model serves a
 * plugin's own tests and end-to-end tests over SSH.
 *
 * <p>Answers are looked up newest rule first, so a test overrides part of a model. Unmatched
 * commands answer like a POSIX shell that lacks the program: exit 127; they are also kept in
 * {@link #unanswered()}.
 */
public class ScriptedHost {

    /** Computes the answer to one command; may change the host's state (e.g. after an install). */
    @FunctionalInterface
    public interface Responder {
        CommandResult respond(String command, ScriptedHost host) throws Exception;
    }

    /** As {@link Responder}, for commands whose standard input matters (a key, a password). */
    @FunctionalInterface
    public interface CallResponder {
        CommandResult respond(Call call, ScriptedHost host) throws Exception;
    }

    /**
     * One command as the host received it.
     *
     * @param command the command line
     * @param stdin   what it got on standard input (empty for none)
     * @param timeout the timeout the caller gave; null over SSH, where the host cannot know it
     */
    public record Call(String command, byte[] stdin, Duration timeout) {
        /** Standard input as UTF-8 text. */
        public String input() {
            return new String(stdin, StandardCharsets.UTF_8);
        }
    }

    /** One file written over SFTP (or {@link #connection}'s upload): where, what, which mode. */
    public record Upload(String path, byte[] content, int mode) {
    }

    /**
     * Answers a command that writes while it reads its standard input (a lock holder that says
     * "held" and then waits for EOF), with the channel's own streams. Only over SSH ({@link SimulatedHost}).
     */
    @FunctionalInterface
    public interface StreamResponder {
        /** @return the exit code */
        int respond(String command, java.io.InputStream stdin, java.io.OutputStream stdout, java.io.OutputStream stderr)
                throws Exception;
    }

    private record Rule(Predicate<String> matcher, CallResponder responder) {
    }

    private record StreamRule(Predicate<String> matcher, StreamResponder responder) {
    }

    private final Path root;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<StreamRule> streamRules = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> unanswered = new CopyOnWriteArrayList<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private volatile RuntimeException uploadFailure;

    /** A host whose file system is a new temporary directory, deleted when the JVM exits. */
    public ScriptedHost() {
        this(TemporaryDirectories.create("scripted-host"));
    }

    /** A host whose file system lives in {@code fsRoot} (created when missing; e.g. JUnit's {@code @TempDir}). */
    public ScriptedHost(Path fsRoot) {
        try {
            this.root = Files.createDirectories(fsRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the transcript ------------------------------------------------------------------

    /** Answers commands matching {@code matcher} with {@code responder}; newer rules win. */
    public ScriptedHost on(Predicate<String> matcher, Responder responder) {
        return onCall(matcher, (call, host) -> responder.respond(call.command(), host));
    }

    /** Answers commands matching {@code matcher}, seeing their standard input. */
    public ScriptedHost onCall(Predicate<String> matcher, CallResponder responder) {
        rules.add(0, new Rule(matcher, responder));
        return this;
    }

    /** Answers commands matching {@code matcher} with the channel's streams ({@link StreamResponder}); newer rules win. */
    public ScriptedHost onStream(Predicate<String> matcher, StreamResponder responder) {
        streamRules.add(0, new StreamRule(matcher, responder));
        return this;
    }

    /** The streaming answer for {@code command}, if a rule has one; the command is then recorded (no stdin). */
    java.util.Optional<StreamResponder> streamFor(String command) {
        java.util.Optional<StreamResponder> found = streamRules.stream().filter(r -> r.matcher().test(command))
                .map(StreamRule::responder).findFirst();
        found.ifPresent(r -> calls.add(new Call(command, new byte[0], null)));
        return found;
    }

    /** Answers exactly {@code command}. */
    public ScriptedHost onExact(String command, int exitCode, String stdout, String stderr) {
        return on(command::equals, (c, h) -> result(exitCode, stdout, stderr));
    }

    /** Answers exactly {@code command} with {@code result}. */
    public ScriptedHost onExact(String command, CommandResult result) {
        return on(command::equals, (c, h) -> result);
    }

    /** Answers exactly {@code command} with exit 0 and {@code stdout}. */
    public ScriptedHost onExact(String command, String stdout) {
        return onExact(command, 0, stdout, "");
    }

    /** Answers commands starting with {@code prefix}. */
    public ScriptedHost onPrefix(String prefix, Responder responder) {
        return on(c -> c.startsWith(prefix), responder);
    }

    /** Answers commands containing {@code fragment}. */
    public ScriptedHost onContains(String fragment, Responder responder) {
        return on(c -> c.contains(fragment), responder);
    }

    /** Answers commands matching {@code regex} anywhere. */
    public ScriptedHost onRegex(String regex, Responder responder) {
        Pattern pattern = Pattern.compile(regex);
        return on(c -> pattern.matcher(c).find(), responder);
    }

    /** A finished command's result. */
    public static CommandResult result(int exitCode, String stdout, String stderr) {
        return CommandResult.of(exitCode, stdout, stderr);
    }

    /** Exit 0 with {@code stdout}. */
    public static CommandResult ok(String stdout) {
        return result(0, stdout, "");
    }

    /** Answers one command as the table says, and records it. */
    public CommandResult answer(Call call) throws Exception {
        calls.add(call);
        for (Rule rule : rules) {
            if (rule.matcher().test(call.command())) {
                return rule.responder().respond(call, this);
            }
        }
        unanswered.add(call.command());
        return result(127, "", "sh: 1: " + call.command().split(" ", 2)[0] + ": not found\n");
    }

    // ---- what happened ---------------------------------------------------------------------

    /** Every command received, with its input, in order. */
    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** Every command line received, in order. */
    public List<String> commands() {
        return calls.stream().map(Call::command).toList();
    }

    /** Commands no rule answered. */
    public List<String> unanswered() {
        return new ArrayList<>(unanswered);
    }

    /** The timeout the first command starting with {@code prefix} got (in-process only). */
    public Duration timeoutOf(String prefix) {
        return calls.stream().filter(c -> c.command().startsWith(prefix)).findFirst().orElseThrow().timeout();
    }

    /** Every file written to the host, in order. */
    public List<Upload> uploads() {
        return new ArrayList<>(uploads);
    }

    /** Records a file written to the host by another way than {@link #connection} (SFTP). */
    protected void recordUpload(Upload upload) {
        uploads.add(upload);
    }

    // ---- the file system ---------------------------------------------------------------------

    /** The host's file system: remote {@code /tmp/x} is {@code fsRoot()/tmp/x}. */
    public Path fsRoot() {
        return root;
    }

    /** The local path of a remote absolute path. */
    public Path file(String remotePath) {
        return root.resolve(remotePath.replaceFirst("^/+", ""));
    }

    /** Whether the remote path is a regular file. */
    public boolean exists(String remotePath) {
        return Files.isRegularFile(file(remotePath));
    }

    /** Creates the remote directories. */
    public ScriptedHost mkdirs(String remoteDir) {
        try {
            Files.createDirectories(file(remoteDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes a remote file, creating its directory. */
    public ScriptedHost write(String remotePath, byte[] content) {
        mkdirs(remotePath.substring(0, Math.max(1, remotePath.lastIndexOf('/'))));
        try {
            Files.write(file(remotePath), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A remote file's content as UTF-8, or null when there is none. */
    public String read(String remotePath) {
        try {
            return exists(remotePath) ? Files.readString(file(remotePath), StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a remote file or directory tree; nothing when it does not exist. */
    public void delete(String remotePath) {
        Path target = file(remotePath);
        if (!Files.exists(target)) {
            return;
        }
        try (Stream<Path> all = Files.walk(target)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regular files under {@code remoteDir}, as sorted remote paths: what is left on the host. */
    public List<String> filesUnder(String remoteDir) {
        Path dir = file(remoteDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).map(p -> "/" + root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- in-process access ---------------------------------------------------------------------

    /** Makes every later in-process upload create its file and then fail with {@code failure}. */
    public ScriptedHost failUploadsWith(RuntimeException failure) {
        this.uploadFailure = failure;
        return this;
    }

    /**
     * A connection to this host without SSH, as {@code target}: commands go straight to the table,
     * uploads straight to the file system, which they never create directories in (as SFTP).
     */
    public RemoteConnection connection(TargetHost target) {
        return new RemoteConnection() {
            @Override
            public TargetHost host() {
                return target;
            }

            @Override
            public CommandResult run(String command, Duration timeout) {
                return run(command, new byte[0], timeout);
            }

            @Override
            public CommandResult run(String command, byte[] input, Duration timeout) {
                try {
                    return answer(new Call(command, input == null ? new byte[0] : input.clone(), timeout));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new TransportException("the simulated host failed to answer: " + e, e);
                }
            }

            @Override
            public void upload(byte[] content, String path, int mode) {
                Path local = file(path);
                if (!path.startsWith("/") || !Files.isDirectory(local.getParent())) {
                    throw new TransportException("SFTP: no such file: " + path);
                }
                try {
                    Files.write(local, content);
                    setMode(local, mode);
                } catch (IOException e) {
                    throw new TransportException("SFTP write failed: " + e.getMessage(), e);
                }
                uploads.add(new Upload(path, content.clone(), mode));
                if (uploadFailure != null) {
                    throw uploadFailure; // after the file was created, as an SFTP write that breaks off midway
                }
            }
        };
    }

    private static void setMode(Path file, int mode) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions(mode)));
        } catch (UnsupportedOperationException notPosix) {
            // a Windows build machine: the mode stays recorded in the upload
        }
    }

    static String permissions(int mode) {
        String bits = "rwxrwxrwx";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (1 << (8 - i))) != 0 ? bits.charAt(i) : '-');
        }
        return sb.toString();
    }

    /** The POSIX mode bits of a remote file, e.g. {@code 0600}. */
    public int mode(String remotePath) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file(remotePath));
            int mode = 0;
            for (PosixFilePermission p : perms) {
                mode |= 1 << (8 - p.ordinal());
            }
            return mode;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
