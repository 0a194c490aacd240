package dev.mesh.core.ssh;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import dev.mesh.core.ssh.SshConnectException.Kind;
import dev.mesh.core.ssh.auth.AuthLog;

/** Turns MINA's connect and handshake failures into one-line messages for an operator. */
final class ConnectFailure {
    private ConnectFailure() {
    }

    /** The TCP connection (or the proxy jump) could not be set up. */
    static SshConnectException connecting(String where, Duration timeout, Throwable e) {
        if (isTimeout(e)) {
            return new SshConnectException(Kind.TIMED_OUT, "Timed out after " + seconds(timeout) + " connecting to "
                    + where, e);
        }
        if (find(e, NoRouteToHostException.class) != null || rootMessage(e).toLowerCase(Locale.ROOT).contains("unreachable")) {
            return new SshConnectException(Kind.UNREACHABLE, "No route to " + where + " (" + rootMessage(e) + ")", e);
        }
        if (find(e, ConnectException.class) != null) {
            return new SshConnectException(Kind.REFUSED, "Connection refused by " + where, e);
        }
        if (find(e, UnresolvedAddressException.class) != null || find(e, UnknownHostException.class) != null) {
            return new SshConnectException(Kind.DNS, "Cannot resolve the host name of " + where, e);
        }
        return new SshConnectException("Cannot connect to " + where + ": " + rootMessage(e), e);
    }

    /** Key exchange or authentication failed after the TCP connection was made. */
    static SshConnectException handshake(ResolvedHost host, String where, Duration timeout, AuthLog log, Throwable e) {
        if (log != null && log.failure() != null) {
            return new SshConnectException(Kind.AUTHENTICATION, log.failure().getMessage(), e);
        }
        if (isTimeout(e)) {
            return new SshConnectException(Kind.TIMED_OUT, "Timed out after " + seconds(timeout) + " connecting to "
                    + where + " (no SSH handshake or authentication answer in time)", e);
        }
        String message = rootMessage(e);
        if (message.contains("No more authentication methods") || message.contains("Too many authentication failures")) {
            return new SshConnectException(Kind.AUTHENTICATION, authFailed(host, log), e);
        }
        return new SshConnectException("SSH handshake with " + where + " failed: " + message, e);
    }

    /** Which keys were offered to whom, which were left out and why, and what the agent said. */
    static String authFailed(ResolvedHost host, AuthLog log) {
        StringBuilder text = new StringBuilder("Authentication failed for ").append(host.display())
                .append(": the server accepted none of the keys offered");
        List<String> offered = log == null ? List.of() : log.offered();
        text.append(offered.isEmpty() ? " (no key was offered)" : " (" + String.join("; ", offered) + ")");
        if (log != null && !log.skipped().isEmpty()) {
            text.append("; left out: ").append(String.join("; ", log.skipped()));
        }
        if (log != null) {
            text.append("; ").append(log.agent());
        }
        return text.toString();
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
