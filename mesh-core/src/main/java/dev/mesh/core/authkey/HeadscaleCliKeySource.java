package dev.mesh.core.authkey;

import dev.mesh.api.Secret;
import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.authkey.HeadscaleCliOutput.CreatedKey;
import dev.mesh.core.authkey.HeadscaleCliOutput.User;
import dev.mesh.core.config.HeadscaleSettings;
import dev.mesh.core.exec.LocalCommandRunner;
import dev.mesh.core.exec.LocalResult;
import dev.mesh.core.text.LiveSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints, expires and lists with the headscale CLI ({@code [sudo -n] PREFIX ...}), run by a
 * {@link HeadscaleCommand}: on this machine or on the Headscale server over SSH. Adapts to the
 * CLI's versions (juanfont/headscale {@code cmd/headscale/cli/preauthkeys.go}):
 * <ul>
 *   <li>{@code headscale version} first (it also proves the CLI and sudo work), once per run;</li>
 *   <li>up to 0.25, {@code --user} takes the user name; from 0.26 the numeric id, looked up once with
 *       {@code headscale users list -o json}; an unrecognisable version (a "dev" build) is treated as
 *       the newest;</li>
 *   <li>{@code preauthkeys create} always gets {@code --expiration} (Headscale's own default is 1h),
 *       {@code --reusable}, {@code --ephemeral}, {@code --tags} as the policy says, and {@code -o json},
 *       whose {@code id} is kept for expiring;</li>
 *   <li>{@code preauthkeys expire}: up to 0.27 {@code --user USER KEY} (the key only as an argument:
 *       see {@link HeadscaleCommand#runWithSecret}); from 0.28 {@code --id ID}.</li>
 * </ul>
 * Keys are registered with {@link LiveSecrets} and never logged. Nodes come from {@code nodes list -o
 * json} (the CLI has said {@code nodes} since before 0.22, even while the REST API said "machine").
 */
public final class HeadscaleCliKeySource implements HeadscaleClient {
    private static final Logger LOG = LoggerFactory.getLogger(HeadscaleCliKeySource.class);

    private final HeadscaleCommand cli;
    /** The server's version and user ids do not change during one mesh run: asked once, then reused. */
    private Optional<HeadscaleVersion> version;
    private final Map<String, String> userIds = new ConcurrentHashMap<>();

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
        List<String> args = List.of("nodes", "list", "-o", "json");
        LocalResult result = call(args);
        return HeadscaleCliOutput.nodes(cli.display(args), result.stdout()).orElseThrow(() -> new AuthKeyException(
                Kind.UNEXPECTED_OUTPUT, "`" + cli.display(args) + "` printed no node list: "
                        + HeadscaleCliFailures.detail(result)));
    }

    /** {@code nodes delete --identifier ID --force} (cmd/headscale/cli/nodes.go; {@code --force} skips its prompt). */
    @Override
    public void delete(String id) throws AuthKeyException {
        if (!id.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("a Headscale node id is digits");
        }
        call(List.of("nodes", "delete", "--identifier", id, "--force"));
        LOG.debug("deleted node {}", id);
    }

    @Override
    public Secret create(KeyPolicy policy) throws AuthKeyException {
        return mint(policy).key();
    }

    @Override
    public synchronized MintedKey mint(KeyPolicy policy) throws AuthKeyException {
        Optional<String> userId = version().map(HeadscaleVersion::takesUserId).orElse(true)
                ? Optional.of(userId(policy.user())) : Optional.empty();
        List<String> args = new ArrayList<>(List.of("preauthkeys", "create", "--user", userId.orElse(policy.user()),
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
        LocalResult result = call(args);
        Optional<CreatedKey> key = HeadscaleCliOutput.key(cli.display(args), result.stdout());
        if (key.isEmpty()) {
            // stdout is not quoted here: it may hold a key in a shape we did not recognise
            throw new AuthKeyException(Kind.UNEXPECTED_OUTPUT, "`" + cli.display(args) + "` succeeded but printed no "
                    + "recognisable key (" + result.stdout().lines().count() + " lines of output); this Headscale "
                    + "version may print keys differently");
        }
        Secret secret = LiveSecrets.register(Secret.of(key.get().key()));
        LOG.debug("created a Headscale pre-auth key (id {}) for user {} (reusable={}, ephemeral={}, expires in {})",
                key.get().id().orElse("unknown"), policy.user(), policy.reusable(), policy.ephemeral(),
                GoDuration.format(policy.expiration()));
        return new MintedKey(secret, key.get().id(), policy.user(), userId);
    }

    @Override
    public synchronized void expire(MintedKey key) throws AuthKeyException {
        boolean byId = version().map(HeadscaleVersion::expiresById).orElse(true);
        if (byId) {
            String id = key.id().orElseThrow(() -> new AuthKeyException(Kind.UNEXPECTED_OUTPUT, "cannot expire "
                    + key.describe() + ": this Headscale expires keys by id, and it gave none when the key was made"));
            call(List.of("preauthkeys", "expire", "--id", id));
        } else {
            String user = version().map(HeadscaleVersion::takesUserId).orElse(true)
                    ? key.userId().orElse(userId(key.user())) : key.user();
            List<String> args = List.of("preauthkeys", "expire", "--user", user);
            LocalResult result = cli.runWithSecret(args, key.key());
            // the message shows the word KEY where the key was
            check(display(List.of("preauthkeys", "expire", "--user", user, "KEY")), result);
        }
        LOG.debug("expired {}", key.describe());
    }

    @Override
    public synchronized Optional<String> serverVersion() throws AuthKeyException {
        return version().map(HeadscaleVersion::toString);
    }

    private Optional<HeadscaleVersion> version() throws AuthKeyException {
        if (version == null) {
            version = HeadscaleVersion.parse(call(List.of("version")).stdout());
            LOG.debug("headscale CLI version {}", version.map(HeadscaleVersion::toString).orElse("unknown"));
        }
        return version;
    }

    /** The user's numeric id, from {@code headscale users list -o json}, asked once per name. */
    private String userId(String name) throws AuthKeyException {
        String known = userIds.get(name);
        if (known != null) {
            return known;
        }
        List<String> args = List.of("users", "list", "-o", "json");
        LocalResult result = call(args);
        List<User> users = HeadscaleCliOutput.users(cli.display(args), result.stdout()).orElseThrow(
                () -> new AuthKeyException(Kind.UNEXPECTED_OUTPUT, "`" + cli.display(args) + "` printed no user list: "
                        + HeadscaleCliFailures.detail(result)));
        List<User> matches = users.stream().filter(u -> u.name().equals(name)).toList();
        if (matches.isEmpty()) {
            String all = users.isEmpty() ? "none" : users.stream().map(User::name).collect(Collectors.joining(", "));
            throw new AuthKeyException(Kind.UNKNOWN_USER, "Headscale has no user '" + name + "' (users: " + all
                    + "); create it on the server (headscale users create " + name + ") or set mesh.headscale.user"
                    + " (MESH_HEADSCALE_USER)");
        }
        if (matches.size() > 1) {
            throw new AuthKeyException(Kind.UNKNOWN_USER, "Headscale has several users named '" + name + "' (ids "
                    + matches.stream().map(User::id).collect(Collectors.joining(", "))
                    + "); rename one so mesh.headscale.user is unambiguous");
        }
        userIds.put(name, matches.get(0).id());
        return matches.get(0).id();
    }

    /** Runs one CLI call; returns its result only when it succeeded and reported no error. */
    private LocalResult call(List<String> args) throws AuthKeyException {
        LOG.debug("running {}", cli.display(args)); // args never hold a key
        return check(display(args), cli.run(args));
    }

    private LocalResult check(String step, LocalResult result) throws AuthKeyException {
        // some CLI versions print {"error": ...} on stdout and still exit 0
        if (!result.succeeded() || HeadscaleCliOutput.error(result.stdout()).isPresent()) {
            throw HeadscaleCliFailures.of(step, result, cli.sudo(), cli.timeout());
        }
        return result;
    }

    private String display(List<String> args) {
        return cli.display(args);
    }
}
