package dev.mesh.os.linux;

import dev.mesh.api.ControlServers;
import java.net.URI;
import java.util.Optional;

/**
 * Compares the control server a node is logged in to ({@code ControlURL} from
 * {@code tailscale debug prefs}) with this run's login server. Scheme and host are compared
 * case-insensitively, a default port equals no port, and a trailing slash does not matter.
 */
final class ControlUrl {

    /** How a node's control server relates to this run's login server. */
    enum Match {
        /** Logged in to this run's server. */
        SAME,
        /** Logged in to another server: {@code up} needs {@code --force-reauth}. */
        OTHER,
        /** The node's control URL could not be read. */
        UNKNOWN
    }

    private ControlUrl() {
    }

    static Match compare(Optional<String> controlUrl, URI loginServer) {
        if (controlUrl.isEmpty() || controlUrl.get().isBlank()) {
            return Match.UNKNOWN;
        }
        Optional<String> node = normalize(controlUrl.get());
        if (node.isEmpty()) {
            return Match.UNKNOWN;
        }
        return node.equals(normalize(loginServer.toString())) ? Match.SAME : Match.OTHER;
    }

    static Optional<String> normalize(String url) {
        return ControlServers.normalize(url);
    }
}
