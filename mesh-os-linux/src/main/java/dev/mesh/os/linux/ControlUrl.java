package dev.mesh.os.linux;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
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
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port + path);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
