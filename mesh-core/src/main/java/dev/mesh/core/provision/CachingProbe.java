package dev.mesh.core.provision;

import dev.mesh.api.CommandResult;
import dev.mesh.api.DetectionProbe;
import dev.mesh.api.RemoteConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Runs detection commands as probes under the detection timeout, each distinct command once. */
final class CachingProbe implements DetectionProbe {
    private final RemoteConnection connection;
    private final Duration timeout;
    private final Map<String, CommandResult> cache = new HashMap<>();

    CachingProbe(RemoteConnection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    @Override
    public CommandResult run(String command) {
        return cache.computeIfAbsent(command, c -> connection.probe(c, timeout));
    }

    /** What the probes answered, for the "could not detect" message. */
    String transcript() {
        StringBuilder sb = new StringBuilder();
        cache.forEach((cmd, r) -> sb.append("  $ ").append(cmd.length() > 60 ? cmd.substring(0, 60) + "…" : cmd)
                .append(" → exit ").append(r.exitCode()).append(r.timedOut() ? " (timed out)" : "")
                .append(r.out().isEmpty() ? "" : ": " + firstLine(r.out())).append('\n'));
        return sb.toString().stripTrailing();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
