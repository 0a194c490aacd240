// Stands in for a Linux host reached over SSH (sshd + sh + the programs mesh runs): answers commands from a table and records commands, timeouts and uploads.
package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.TargetHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted {@link RemoteConnection}. Answers are looked up newest first, so a test overrides part
 * of a default table. Unmatched commands answer like sh does for a missing program (exit 127).
 * Uploaded files are kept in {@link #files()}, and {@code rm -f '<path>'} removes them, so a test
 * can see what is left behind on the host.
 */
final class ScriptedLinuxHost implements RemoteConnection {

    /** One file uploaded over SFTP. */
    record Upload(String path, byte[] content, int mode) {
    }

    /** One command, the timeout it was given and what it got on standard input (empty when nothing). */
    record Call(String command, Duration timeout, byte[] input) {
    }

    private record Rule(Predicate<String> matcher, Function<String, CommandResult> answer) {
    }

    private static final Pattern RM = Pattern.compile("^rm -f '([^']*)'$");

    private final TargetHost host;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final Map<String, Upload> files = new LinkedHashMap<>();
    private volatile RuntimeException uploadFailure;

    ScriptedLinuxHost(String user) {
        this.host = new TargetHost(user, "debian12.test", 22);
        on(c -> RM.matcher(c).matches(), c -> {
            Matcher m = RM.matcher(c);
            m.matches();
            synchronized (files) {
                files.remove(m.group(1));
            }
            return ok("");
        });
    }

    static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "", false);
    }

    static CommandResult exit(int code, String stdout, String stderr) {
        return new CommandResult(code, stdout, stderr, false);
    }

    ScriptedLinuxHost on(Predicate<String> matcher, Function<String, CommandResult> answer) {
        rules.add(0, new Rule(matcher, answer));
        return this;
    }

    ScriptedLinuxHost onExact(String command, CommandResult result) {
        return on(command::equals, c -> result);
    }

    ScriptedLinuxHost onExact(String command, String stdout) {
        return onExact(command, ok(stdout));
    }

    ScriptedLinuxHost onPrefix(String prefix, Function<String, CommandResult> answer) {
        return on(c -> c.startsWith(prefix), answer);
    }

    @Override
    public TargetHost host() {
        return host;
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        return run(command, new byte[0], timeout);
    }

    @Override
    public CommandResult run(String command, byte[] input, Duration timeout) {
        calls.add(new Call(command, timeout, input == null ? new byte[0] : input.clone()));
        for (Rule rule : rules) {
            if (rule.matcher().test(command)) {
                return rule.answer().apply(command);
            }
        }
        return exit(127, "", "sh: 1: " + command.split(" ", 2)[0] + ": not found\n");
    }

    @Override
    public void upload(byte[] content, String path, int mode) {
        Upload upload = new Upload(path, content.clone(), mode);
        uploads.add(upload);
        synchronized (files) {
            files.put(path, upload);
        }
        if (uploadFailure != null) {
            throw uploadFailure; // after the file was created, as an SFTP write that breaks off midway
        }
    }

    /** Makes every later upload create its file and then fail with {@code failure}. */
    ScriptedLinuxHost failUploadsWith(RuntimeException failure) {
        this.uploadFailure = failure;
        return this;
    }

    List<String> commands() {
        return calls.stream().map(Call::command).toList();
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** The timeout the first command starting with {@code prefix} got. */
    Duration timeoutOf(String prefix) {
        return calls.stream().filter(c -> c.command().startsWith(prefix)).findFirst().orElseThrow().timeout();
    }

    List<Upload> uploads() {
        return new ArrayList<>(uploads);
    }

    /** Files uploaded and not removed since. */
    Map<String, Upload> files() {
        synchronized (files) {
            return new LinkedHashMap<>(files);
        }
    }
}
