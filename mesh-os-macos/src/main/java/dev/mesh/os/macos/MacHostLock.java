package dev.mesh.os.macos;

import dev.mesh.api.HostLocking;
import dev.mesh.api.Quoting;
import java.time.Duration;

/**
 * HOST_LOCKING on macOS, which has no flock(1): perl's {@code flock} (flock(2), a lock the kernel drops
 * when the process ends) on {@value #LOCK_FILE}, held by the perl process that reads the command's
 * standard input to its end. /usr/bin/perl ships with macOS (through 15). shlock(1), which macOS has,
 * was not used: it records a PID in the lock file, and a stale lock file of another user cannot be
 * replaced in the sticky /tmp. The file is opened for appending, or read-only when another user
 * created it, and never deleted. Runs as the login user.
 */
final class MacHostLock {
    static final String LOCK_FILE = "/tmp/mesh.lock";

    /** The perl program: the lock file and the wait in seconds are its arguments. */
    static final String PROGRAM = String.join(" ",
            "use Fcntl qw(:flock); $| = 1; my ($file, $wait) = @ARGV; my $fh;",
            "open($fh, \">>\", $file) or open($fh, \"<\", $file) or die \"mesh-lock: cannot open $file: $!\\n\";",
            "unless (flock($fh, LOCK_EX | LOCK_NB)) {",
            "print \"" + HostLocking.WAITING + "\\n\"; my $end = time + $wait;",
            "until (flock($fh, LOCK_EX | LOCK_NB)) {",
            "if (time >= $end) { print \"" + HostLocking.BUSY + "\\n\"; exit 75 }",
            "select(undef, undef, undef, 0.25) } }",
            "print \"" + HostLocking.HELD + "\\n\"; 1 while sysread(STDIN, my $buffer, 4096);");

    private MacHostLock() {
    }

    static String command(Duration wait) {
        return "exec /usr/bin/perl -e " + Quoting.sh(PROGRAM) + " " + LOCK_FILE + " " + Math.max(0, wait.toSeconds());
    }
}
