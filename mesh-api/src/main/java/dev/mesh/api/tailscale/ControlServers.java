package dev.mesh.api.tailscale;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares control server URLs, e.g. the {@code ControlURL} of {@code tailscale debug prefs} with
 * the run's login server: scheme and host case-insensitively, a default port equal to no port, a
 * trailing slash ignored.
 */
public final class ControlServers {

    /** How a node's control server relates to this run's login server. */
    public enum Match {
        /** Logged in to this run's server. */
        SAME,
        /** Logged in to another server: {@code up} needs {@code --force-reauth}. */
        OTHER,
        /** The node's control URL could not be read. */
        UNKNOWN
    }

    private ControlServers() {
    }

    /** Whether both URLs name the same server; false when either is not an absolute URL. */
    public static boolean same(String a, String b) {
        Optional<String> left = normalize(a);
        return left.isPresent() && left.equals(normalize(b));
    }

    /** Where {@code controlUrl} (empty when it could not be read) stands to {@code loginServer}. */
    public static Match compare(Optional<String> controlUrl, URI loginServer) {
        if (controlUrl.isEmpty() || normalize(controlUrl.get()).isEmpty()) {
            return Match.UNKNOWN;
        }
        return same(controlUrl.get(), loginServer.toString()) ? Match.SAME : Match.OTHER;
    }

    /** {@code scheme://host:port/path} in canonical form, or empty when {@code url} is not absolute. */
    public static Optional<String> normalize(String url) {
        if (url == null) {
            return Optional.empty();
        }
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
