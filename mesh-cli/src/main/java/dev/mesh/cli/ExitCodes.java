package dev.mesh.cli;

/** mesh's exit codes, documented in every command's --help and in README.md. */
public final class ExitCodes {
    /** The host is on the mesh (or the command did what it was asked). */
    public static final int OK = 0;
    /** Provisioning failed; the message says at which step and what to do. */
    public static final int FAILURE = 1;
    /** Bad usage or input (host, port, URL, configuration), found before any connection was opened. */
    public static final int USAGE = 2;
    /** A manual step is needed on the host; the output says exactly what to run. */
    public static final int MANUAL_STEP = 3;
    /** Stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
