package dev.mesh.core.ssh;

import java.nio.file.Path;

/**
 * The next step for each kind of SSH failure, as a command the operator can run with the real
 * user, host and port ({@code ssh -p 2222 steve@10.0.0.5}) and mesh's own ssh config file when it
 * is not ssh's default.
 */
final class SshHints {
    private SshHints() {
    }

    static String hint(SshConnectException e, ResolvedHost host, SshSettings settings) {
        String ssh = sshCommand(host, settings, "");
        String name = host.hostName();
        return switch (e.kind()) {
            case REFUSED -> "Nothing accepts connections on port " + host.port() + " of " + name
                    + ": check that sshd runs there and that the port is right, then try: " + ssh;
            case UNREACHABLE -> name + " cannot be reached from here (no route): check the address, the VPN or"
                    + " the firewall, then try: " + ssh;
            case TIMED_OUT -> name + " did not answer in time: it may be down, or a firewall drops the packets;"
                    + " try: " + sshCommand(host, settings, "-o ConnectTimeout=" + host.connectTimeout().toSeconds() + " ");
            case DNS -> "The name " + name + " does not resolve here: check it with getent hosts "
                    + ShellWords.quote(name) + ", or use its address or an ssh config alias";
            case HOST_KEY_CHANGED -> "If you know the host was reinstalled, remove the old key and run mesh again: "
                    + (e instanceof HostKeyChangedException changed ? changed.removeCommand() : "ssh-keygen -R HOST");
            case HOST_KEY_UNKNOWN -> "Check the host key's fingerprint with the host's owner, then record it by"
                    + " connecting once with: " + sshCommand(host, settings, "-o StrictHostKeyChecking=ask ");
            case HOST_KEY_REVOKED -> "That key was revoked on purpose in known_hosts: do not connect; ask who revoked it";
            case AUTHENTICATION -> "See which keys the server accepts with: " + sshCommand(host, settings, "-v ")
                    + "; then load the right key into ssh-agent (ssh-add KEY) or give it with -i KEY";
            case OTHER -> "Try the same connection with: " + sshCommand(host, settings, "-v ");
        };
    }

    /** {@code ssh [-F FILE] OPTIONS [-p PORT] USER@ALIAS}: the same target, through the same ssh config. */
    static String sshCommand(ResolvedHost host, SshSettings settings, String options) {
        StringBuilder cmd = new StringBuilder("ssh ");
        Path defaultConfig = SshSettings.userSshDir().resolve("config");
        if (settings.sshConfigFile().isEmpty()) {
            cmd.append("-F none ");
        } else if (!settings.sshConfigFile().get().equals(defaultConfig)) {
            cmd.append("-F ").append(ShellWords.quote(settings.sshConfigFile().get().toString())).append(' ');
        }
        cmd.append(options);
        host.identityFiles().stream().filter(f -> f.source().equals("-i")).forEach(
                f -> cmd.append("-i ").append(ShellWords.quote(f.path().toString())).append(' '));
        if (host.port() != 22) {
            cmd.append("-p ").append(host.port()).append(' ');
        }
        return cmd.append(ShellWords.quote(host.user())).append('@').append(host.alias()).toString();
    }
}
