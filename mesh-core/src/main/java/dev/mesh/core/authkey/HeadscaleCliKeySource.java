package dev.mesh.core.authkey;

import dev.mesh.api.Secret;
import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.authkey.HeadscaleCliOutput.User;
import dev.mesh.core.config.HeadscaleSettings;
import dev.mesh.core.exec.LocalCommandRunner;
import dev.mesh.core.exec.LocalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints pre-auth keys and lists nodes with the headscale CLI ({@code [sudo -n] headscale ...}), run
 * by a {@link HeadscaleCommand}: on this machine or on the Headscale server over SSH. Adapts to the
 * CLI's versions:
 * <ul>
 *   <li>{@code headscale version} first (it also proves the CLI and sudo work);</li>
 *   <li>up to 0.25, {@code --user} takes the user name;</li>
 *   <li>from 0.26 it takes the numeric id, looked up with {@code headscale users list -o json};
 *       an unrecognisable version (a "dev" build) is treated as the newest;</li>
 *   <li>{@code --expiration} is always passed (Headscale's own default is 1h), with
 *       {@code --reusable}, {@code --ephemeral}, {@code --tags} as the policy says, and {@code -o json}.</li>
 * </ul>
 * The key is taken from the JSON {@code key} field (or a plain key line) and never logged. Nodes come
 * from {@code nodes list -o json} (the CLI has been called {@code nodes} since before 0.22, even
 * while the REST API still said "machine").
 */
public final class HeadscaleCliKeySource implements HeadscaleClient {
    private static final Logger LOG = LoggerFactory.getLogger(HeadscaleCliKeySource.class);

    private final HeadscaleCommand cli;
    /** The server's version and user ids do not change during one mesh run: asked once, then reused. */
    private Optional<HeadscaleVersion> version;
    private final java.util.Map<String, String> userIds = new java.util.concurrent.ConcurrentHashMap<>();

    /** The CLI on this machine: {@code settings.command()}, {@code sudo()} and {@code timeout()}. */
    public HeadscaleCliKeySource(HeadscaleSettings settings, LocalCommandRunner runner) {
        this(new LocalHeadscaleCommand(settings, runner));
    }

    /** The CLI wherever {@code cli} runs it; the key settings come with each policy. */
    public HeadscaleCliKeySource(HeadscaleCommand cli) {
        this.cli = cli;
    }

    @Override
    public List<HeadscaleNode> list() throws AuthKeyException {
        String[] args = {"nodes", "list", "-o", "json"};
        LocalResult result = call(args);
        return HeadscaleCliOutput.nodes(result.stdout()).orElseThrow(() -> new AuthKeyException(
                Kind.UNEXPECTED_OUTPUT, "`" + step(List.of(args)) + "` printed no node list: "
                        + HeadscaleCliFailures.detail(result)));
    }

    @Override
    public synchronized Secret create(KeyPolicy policy) throws AuthKeyException {
        if (version == null) {
            version = HeadscaleVersion.parse(call("version").stdout());
            LOG.debug("headscale CLI version {}", version.map(HeadscaleVersion::toString).orElse("unknown"));
        }
        boolean byId = version.map(HeadscaleVersion::takesUserId).orElse(true);
        String user = policy.user();
        if (byId) {
            String id = userIds.get(policy.user());
            if (id == null) {
                id = userId(policy.user());
                userIds.put(policy.user(), id);
            }
            user = id;
        }

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
        LOG.debug("running headscale {}", String.join(" ", args)); // args never hold a key
        LocalResult result = cli.run(List.of(args));
        // some CLI versions print {"error": ...} on stdout and still exit 0
        if (!result.succeeded() || HeadscaleCliOutput.error(result.stdout()).isPresent()) {
            throw HeadscaleCliFailures.of(step(List.of(args)), result, cli.sudo(), cli.timeout());
        }
        return result;
    }

    private String step(List<String> args) {
        List<String> words = new ArrayList<>(List.of("headscale"));
        words.addAll(args.subList(0, Math.min(2, args.size())));
        return String.join(" ", words);
    }

}
