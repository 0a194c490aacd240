package dev.mesh.api;

/**
 * Capability (since SPI 2.2): the host's probes ({@link RemoteConnection#probe}) may run one after
 * another in one remote shell on one SSH channel instead of an SSH session each. On OpenSSH every
 * session costs the host a fork of sshd, a login shell and its environment: about 20 ms of the host's
 * CPU on Debian 12, more than most probes cost themselves (bench/fleet.sh measures the hosts' CPU).
 *
 * <p>mesh-core starts the shell with {@link #shellCommand} on the host's first probe once the
 * provisioner is chosen (or, since SPI 2.3, from the SSH test on when a detector names the same shell:
 * {@link OsDetector#sharedShell()}) and keeps it for the connection. It sends one probe at a time as {@link #frame} text on the
 * shell's standard input and reads the probe's output up to the frame's end markers. A probe that runs
 * past its time limit, writes too much or is stopped ends the whole shell (TERM, then KILL, to its
 * process group, as a command on its own channel); the next probe starts a new one. A probe asked for
 * while the shell is busy runs on a channel of its own. Results are those of a channel of its own (exit status,
 * standard output and standard error apart), except that a probe ended by a signal reports the shell's
 * 128 + the signal's number instead of no status, and that on a channel of its own a probe runs in the
 * user's login shell: a probe must be a POSIX {@code sh} command line that means the same there. A probe whose shell died under it (the connection
 * staying up) runs once more on a channel of its own: probes only read, so running one twice is safe.
 */
public non-sealed interface SharedShell extends Capability {

    /**
     * The command, for the host's login shell, that starts the shared shell: it reads commands from its
     * standard input until EOF and exits then. By default {@code exec /bin/sh}, for POSIX hosts.
     */
    default String shellCommand() {
        return "exec /bin/sh";
    }

    /**
     * The text mesh writes to the shell's standard input to run {@code command}, a POSIX shell command
     * line, in a child of the shared shell with the null device as its standard input. When it has
     * exited the shell writes a line feed, {@code marker} and a line feed to standard error, then a line
     * feed, {@code marker}, a space, the command's exit status in decimal and a line feed to standard
     * output.
     *
     * <p>By default, for POSIX hosts: the command runs in a subshell of the shared shell
     * ({@code ( eval 'COMMAND' )}), with the environment the login shell gave it, as sshd gives a command
     * of its own session. A subshell is a fork of {@code /bin/sh}; running the command in the login
     * shell instead ({@code "$SHELL" -c}) costs an exec of it as well, about 5 ms of the host's CPU per
     * probe with bash on Debian 12 (bench/fleet.sh measures the hosts' CPU). A command's variables,
     * {@code cd}, traps and {@code exit} stay in its subshell.
     *
     * @param marker letters and digits, new for every shell, never in {@code command}'s expected output
     */
    default String frame(String command, String marker) {
        return "( eval " + Quoting.sh(command) + " ) </dev/null; mesh_status=$?; printf '\\n%s\\n' "
                + marker + " >&2; printf '\\n%s %d\\n' " + marker + " \"$mesh_status\"\n";
    }

    /** The POSIX shared shell (the defaults), for a provisioner that returns it from {@code capability}. */
    static SharedShell posix() {
        return new SharedShell() {
        };
    }
}
