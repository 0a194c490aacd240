package dev.mesh.core.authkey;

import dev.mesh.api.Secret;
import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.authkey.HeadscaleCliOutput.User;
import dev.mesh.core.config.HeadscaleSettings;
import dev.mesh.core.exec.LocalCommandException;
import dev.mesh.core.exec.LocalCommandRunner;
import dev.mesh.core.exec.LocalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints pre-auth keys with the headscale CLI on this machine ({@code [sudo -n] headscale ...}; the
 * CLI reaches the server through its unix socket). Adapts to the CLI's versions:
 * <ul>
 *   <li>{@code headscale version} first (it also proves the CLI and sudo work);</li>
 *   <li>up to 0.25, {@code --user} takes the user name;</li>
 *   <li>from 0.26 it takes the numeric id, looked up with {@code headscale users list -o json};
 *       an unrecognisable version (a "dev" build) is treated as the newest;</li>
 *   <li>{@code --expiration} is always passed (Headscale's own default is 1h), with
 *       {@code --reusable}, {@code --ephemeral}, {@code --tags} as the policy says, and {@code -o json}.</li>
 * </ul>
 * The key is taken from the JSON {@code key} field (or a plain key line) and never logged.
 */
public final class HeadscaleCliKeySource implements AuthKeySource {
    private static final Logger LOG = LoggerFactory.getLogger(HeadscaleCliKeySource.class);

    private final HeadscaleSettings settings;
    private final LocalCommandRunner runner;

    /** Uses {@code settings.command()}, {@code sudo()} and {@code timeout()}; the key settings come with each policy. */
    public HeadscaleCliKeySource(HeadscaleSettings settings, LocalCommandRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    @Override
    public Secret create(KeyPolicy policy) throws AuthKeyException {
        Optional<HeadscaleVersion> version = HeadscaleVersion.parse(call("version").stdout());
        LOG.debug("headscale CLI version {}", version.map(HeadscaleVersion::toString).orElse("unknown"));
        boolean byId = version.map(HeadscaleVersion::takesUserId).orElse(true);
        String user = byId ? userId(policy.user()) : policy.user();

        List<String> args = new ArrayList<>(List.of("preauthkeys", "create", "--user", user,
                "--expiration", GoDuration.format(policy.expiration())));
        if (policy.reusable()) {
            args.add("--reusable");
        }
        if (policy.ephemeral()) {
            args.add("--ephemeral");
        }
        if (!policy.tags().isEmpty()) {
            args.add("--tags");
            args.add(String.join(",", policy.tags()));
        }
        args.addAll(List.of("-o", "json"));
        LocalResult result = call(args.toArray(String[]::new));
        Optional<String> key = HeadscaleCliOutput.key(result.stdout());
        if (key.isEmpty()) {
            // stdout is not quoted here: it may hold a key in a shape we did not recognise
            throw new AuthKeyException(Kind.UNEXPECTED_OUTPUT, "`" + step(args) + "` succeeded but printed no "
                    + "recognisable key (" + result.stdout().lines().count() + " lines of output); this Headscale "
                    + "version may print keys differently");
        }
        LOG.debug("created a Headscale pre-auth key for user {} (reusable={}, ephemeral={}, expires in {})",
                policy.user(), policy.reusable(), policy.ephemeral(), GoDuration.format(policy.expiration()));
        return Secret.of(key.get());
    }

    /** The user's numeric id, from {@code headscale users list -o json}. */
    private String userId(String name) throws AuthKeyException {
        String[] args = {"users", "list", "-o", "json"};
        LocalResult result = call(args);
        List<User> users = HeadscaleCliOutput.users(result.stdout()).orElseThrow(() -> new AuthKeyException(
                Kind.UNEXPECTED_OUTPUT, "`" + step(List.of(args)) + "` printed no user list: "
                        + HeadscaleCliFailures.detail(result)));
        List<User> matches = users.stream().filter(u -> u.name().equals(name)).toList();
        if (matches.isEmpty()) {
            String known = users.isEmpty() ? "none" : users.stream().map(User::name).collect(Collectors.joining(", "));
            throw new AuthKeyException(Kind.UNKNOWN_USER, "Headscale has no user '" + name + "' (users: " + known
                    + "); create it on the server (headscale users create " + name + ") or set mesh.headscale.user"
                    + " (MESH_HEADSCALE_USER)");
        }
        if (matches.size() > 1) {
            throw new AuthKeyException(Kind.UNKNOWN_USER, "Headscale has several users named '" + name + "' (ids "
                    + matches.stream().map(User::id).collect(Collectors.joining(", "))
                    + "); rename one so mesh.headscale.user is unambiguous");
        }
        return matches.get(0).id();
    }

    /** Runs one CLI call; returns its result only when it succeeded and reported no error. */
    private LocalResult call(String... args) throws AuthKeyException {
        List<String> argv = argv(List.of(args));
        LOG.debug("running {}", String.join(" ", argv)); // argv never holds a key
        LocalResult result;
        try {
            result = runner.run(argv, settings.timeout(), Map.of());
        } catch (LocalCommandException e) {
            throw notFound(e);
        }
        // some CLI versions print {"error": ...} on stdout and still exit 0
        if (!result.succeeded() || HeadscaleCliOutput.error(result.stdout()).isPresent()) {
            throw HeadscaleCliFailures.of(step(List.of(args)), result, settings.sudo(), settings.timeout());
        }
        return result;
    }

    /** The full argument vector: {@code [sudo, -n,] command, args...}. */
    List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>();
        if (settings.sudo()) {
            argv.addAll(List.of("sudo", "-n"));
        }
        argv.add(settings.command());
        argv.addAll(args);
        return argv;
    }

    private String step(List<String> args) {
        List<String> words = new ArrayList<>(List.of("headscale"));
        words.addAll(args.subList(0, Math.min(2, args.size())));
        return String.join(" ", words);
    }

    private AuthKeyException notFound(LocalCommandException e) {
        if (!e.notFound()) {
            return new AuthKeyException(Kind.CLI_FAILED, e.getMessage() + "; check mesh.headscale.command"
                    + " (MESH_HEADSCALE_COMMAND)", e);
        }
        if (settings.sudo() && e.program().equals("sudo")) {
            return new AuthKeyException(Kind.CLI_NOT_FOUND, e.getMessage() + "; install sudo, or set"
                    + " mesh.headscale.sudo = false (MESH_HEADSCALE_SUDO=false) if this user can run headscale", e);
        }
        return new AuthKeyException(Kind.CLI_NOT_FOUND, e.getMessage() + "; install Headscale on this machine or"
                + " set mesh.headscale.command (MESH_HEADSCALE_COMMAND) to the headscale CLI's path", e);
    }
}
