package dev.mesh.api;

import java.util.List;
import java.util.Objects;

/**
 * What {@link NodeRemoval#removeNode} did (in a dry run: would do), one line each, e.g.
 * {@code tailscale logout} or {@code apt-get remove tailscale}, and what it left on the host, e.g.
 * {@code Syncthing (syncthing@steve) stays installed and running}. Create with {@link #of}.
 */
public final class RemovalReport {
    private final List<String> changes;
    private final List<String> left;

    private RemovalReport(List<String> changes, List<String> left) {
        this.changes = List.copyOf(changes);
        this.left = List.copyOf(left);
    }

    /**
     * @param changes what was changed, in order; empty when the host was removed already
     * @param left    what stays on the host
     */
    public static RemovalReport of(List<String> changes, List<String> left) {
        return new RemovalReport(changes, left);
    }

    public List<String> changes() {
        return changes;
    }

    public List<String> left() {
        return left;
    }

    public boolean changed() {
        return !changes.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemovalReport r && r.changes.equals(changes) && r.left.equals(left);
    }

    @Override
    public int hashCode() {
        return Objects.hash(changes, left);
    }

    @Override
    public String toString() {
        return "RemovalReport[changes=" + changes + ", left=" + left + "]";
    }
}
