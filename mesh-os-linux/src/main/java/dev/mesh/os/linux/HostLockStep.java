package dev.mesh.os.linux;

import dev.mesh.api.HostLocking;
import java.time.Duration;

/**
 * HOST_LOCKING on Linux: flock(1) (util-linux; busybox has it too) on {@value #LOCK_FILE}, held by the
 * {@code cat} that reads the command's standard input: the kernel drops the lock when that process
 * ends, which happens when mesh closes the input, ends the command, or dies (sshd then closes the
 * input). Runs as the login user, before privileges are checked. /run/lock is world-writable with the
 * sticky bit on Debian and most distributions (it is tmpfs, so the empty lock file is gone after a
 * reboot); {@code /tmp} where it is not. The file is opened read-only, and created only when missing:
 * with {@code fs.protected_regular} a user may not open another user's file in a sticky directory
 * with O_CREAT, but may lock it read-only, so runs as different users share one lock. The file is
 * never deleted: a run could otherwise lock a file another run has just unlinked.
 */
final class HostLockStep {
    static final String LOCK_FILE = "/run/lock/mesh.lock";
    static final String FALLBACK_LOCK_FILE = "/tmp/mesh.lock";

    private HostLockStep() {
    }

    static String command(Duration wait) {
        long seconds = Math.max(0, wait.toSeconds());
        return String.join("; ",
                "l=" + LOCK_FILE + "; { [ -d /run/lock ] && [ -w /run/lock ]; } || l=" + FALLBACK_LOCK_FILE,
                "command -v flock >/dev/null || { echo 'mesh-lock: flock(1) is not installed on this host' >&2; exit 127; }",
                "[ -e \"$l\" ] || (umask 022; : >>\"$l\") 2>/dev/null",
                "exec 9<\"$l\"",
                "if ! flock -n 9; then echo '" + HostLocking.WAITING + "'; flock -w " + seconds + " 9 || { echo '"
                        + HostLocking.BUSY + "'; exit 75; }; fi",
                "echo '" + HostLocking.HELD + "'",
                "exec cat >/dev/null");
    }
}
