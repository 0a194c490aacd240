package dev.mesh.core.ssh;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Turns MINA's connect and handshake failures into one-line messages for an operator. */
final class ConnectFailure {
    private ConnectFailure() {
    }

    /** The TCP connection (or the proxy jump) could not be set up. */
    static SshConnectException connecting(String where, Duration timeout, Throwable e) {
        if (isTimeout(e)) {
            return new SshConnectException("Timed out after " + seconds(timeout) + " connecting to " + where, e);
        }
        if (find(e, ConnectException.class) != null) {
            return new SshConnectException("Connection refused by " + where, e);
        }
        if (find(e, UnresolvedAddressException.class) != null || find(e, UnknownHostException.class) != null) {
            return new SshConnectException("Cannot resolve the host name of " + where, e);
        }
        if (find(e, NoRouteToHostException.class) != null) {
            return new SshConnectException("No route to " + where, e);
        }
        return new SshConnectException("Cannot connect to " + where + ": " + rootMessage(e), e);
    }

    /** Key exchange or authentication failed after the TCP connection was made. */
    static SshConnectException handshake(String who, String where, Duration timeout, Identities.Loaded ids,
                                         Throwable e) {
        if (isTimeout(e)) {
            return new SshConnectException("Timed out after " + seconds(timeout) + " connecting to " + where
                    + " (no SSH handshake or authentication answer in time)", e);
        }
        String message = rootMessage(e);
        if (message.contains("No more authentication methods")
                || message.contains("Too many authentication failures")) {
            return new SshConnectException(authFailed(who, ids), e);
        }
        return new SshConnectException("SSH handshake with " + where + " failed: " + message, e);
    }

    static String authFailed(String who, Identities.Loaded ids) {
        StringBuilder text = new StringBuilder("Authentication failed for ").append(who).append(": no accepted key");
        text.append(ids.tried().isEmpty() ? " (no identity file found to try"
                : " (tried: " + String.join(", ", ids.tried()));
        if (!ids.skipped().isEmpty()) {
            text.append("; skipped: ").append(String.join(", ", ids.skipped()));
        }
        return text.append(')').toString();
    }

    static boolean isTimeout(Throwable e) {
        if (find(e, TimeoutException.class) != null || find(e, java.net.SocketTimeoutException.class) != null) {
            return true;
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    /** "10s", or "1500ms" when not whole seconds. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        String message = e.getMessage();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null) {
                message = root.getMessage();
            }
        }
        return message != null ? message : root.getClass().getSimpleName();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
