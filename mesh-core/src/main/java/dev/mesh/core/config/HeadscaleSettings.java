package dev.mesh.core.config;

import dev.mesh.core.text.ShellWords;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How mesh talks to Headscale ({@code mesh.headscale}).
 *
 * @param user            the Headscale user that owns keys and nodes
 * @param command         the headscale CLI as an argument prefix: {@code [headscale]}, {@code
 *                        [/usr/local/bin/headscale]}, {@code [docker, exec, headscale, headscale]}; the
 *                        subcommand's words follow it (locally or on the SSH host)
 * @param sudo            run the CLI as {@code sudo -n <command>}
 * @param timeout         how long one CLI call or HTTP request may take
 * @param key             the pre-auth keys to create
 * @param source          where keys and the node list come from
 * @param url             the REST API's base URL; empty: {@code mesh.server-url}
 * @param apiKeyFile      a file holding the REST API key (when MESH_HEADSCALE_API_KEY is not set)
 * @param sshHost         {@code [user@]host} of the Headscale server, for the {@code ssh} source
 * @param sshPort         its SSH port; empty: ssh config, else {@code mesh.ssh.port}
 * @param confirmTimeout  how long to wait for Headscale to list a node that just joined
 * @param confirmInterval how often to ask meanwhile
 */
public record HeadscaleSettings(String user, List<String> command, boolean sudo, Duration timeout, KeySettings key,
        Source source, Optional<URI> url, Optional<Path> apiKeyFile, Optional<String> sshHost,
        Optional<Integer> sshPort, Duration confirmTimeout, Duration confirmInterval) {

    /** Where mesh gets keys and node lists ({@code mesh.headscale.source}). */
    public enum Source {
        /** The headscale CLI on this machine. */
        CLI,
        /** Headscale's REST API with an API key. */
        REST,
        /** The headscale CLI on the Headscale server, over SSH. */
        SSH;

        /** {@code cli}, {@code rest} or {@code ssh}, case-insensitive. */
        public static Optional<Source> parse(String text) {
            for (Source s : values()) {
                if (s.name().equalsIgnoreCase(text.strip())) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public HeadscaleSettings {
        Objects.requireNonNull(user, "user");
        command = List.copyOf(command);
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("the headscale command is empty");
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(apiKeyFile, "apiKeyFile");
        Objects.requireNonNull(sshHost, "sshHost");
        Objects.requireNonNull(sshPort, "sshPort");
        Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        Objects.requireNonNull(confirmInterval, "confirmInterval");
    }

    /**
     * The local CLI with the default confirmation poll (10 s, every second).
     *
     * @param command split into words as sh would ({@link ShellWords})
     */
    public HeadscaleSettings(String user, String command, boolean sudo, Duration timeout, KeySettings key) {
        this(user, ShellWords.split(command), sudo, timeout, key, Source.CLI, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    /** The command for messages, its words joined by blanks, e.g. {@code docker exec headscale headscale}. */
    public String commandDisplay() {
        return String.join(" ", command);
    }
}
