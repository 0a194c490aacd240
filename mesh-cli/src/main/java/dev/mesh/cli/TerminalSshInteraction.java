package dev.mesh.cli;

import dev.mesh.core.ssh.SshInteraction;
import java.io.Console;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The SSH client's side of the terminal: prints recorded host keys (as ssh's "Permanently added")
 * and ignored ssh config directives, and asks for key passphrases on the controlling terminal
 * ({@link System#console()}, without echo). Without a terminal nothing is asked: mesh-core then
 * says to load the key into ssh-agent. A passphrase never passes through argv, the environment,
 * standard input or a log.
 */
final class TerminalSshInteraction implements SshInteraction {
    private final dev.mesh.cli.Console console;
    private final Console terminal;
    private volatile FleetView view;

    TerminalSshInteraction(dev.mesh.cli.Console console) {
        this(console, System.console());
    }

    /** @param terminal the controlling terminal, or null when there is none */
    TerminalSshInteraction(dev.mesh.cli.Console console, Console terminal) {
        this.console = console;
        this.terminal = terminal;
    }

    /** From now on, events go to {@code view} (a fleet run's lines), not straight to the console. */
    void routeTo(FleetView view) {
        this.view = view;
    }

    @Override
    public void hostKeyRecorded(RecordedHostKey key) {
        String line = "Permanently added " + key.host() + " (" + key.keyType() + " " + key.fingerprint()
                + ") to the list of known hosts in " + key.file();
        FleetView v = view;
        if (v != null) {
            v.note(null, console.marks().info() + " " + line);
        } else {
            console.info(line);
        }
    }

    @Override
    public void warning(String message) {
        FleetView v = view;
        if (v != null) {
            v.note(null, console.marks().warn() + " " + message);
        } else {
            console.warn(message);
        }
    }

    @Override
    public boolean canAskPassphrase() {
        return terminal != null;
    }

    @Override
    public synchronized Optional<char[]> passphrase(Path keyFile, int attempt) {
        if (terminal == null) {
            return Optional.empty();
        }
        String prompt = attempt > 1 ? "Bad passphrase, try again for " : "Enter passphrase for key ";
        char[] answer = terminal.readPassword("%s'%s': ", prompt, keyFile);
        return answer == null || answer.length == 0 ? Optional.empty() : Optional.of(answer);
    }
}
