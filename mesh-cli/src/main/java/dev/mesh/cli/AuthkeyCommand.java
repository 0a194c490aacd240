package dev.mesh.cli;

import dev.mesh.api.FailureReason;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.text.DisplayText;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.authkey.MintedKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mesh authkey}: Headscale pre-auth keys for joining a machine by hand. */
@Command(name = "authkey", mixinStandardHelpOptions = true,
        description = "Headscale pre-auth keys, for joining a machine by hand.")
final class AuthkeyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code mesh authkey create}: the one command whose purpose is to show a key. The key alone goes
     * to standard output ({@code KEY=$(mesh authkey create)}); what kind of key it is goes to standard
     * error.
     */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Mint a Headscale pre-auth key through mesh.headscale.source (cli, rest or ssh) and "
                + "print it, alone, on standard output, for `tailscale up --auth-key=...` on a machine you join by "
                + "hand. Defaults come from mesh.headscale.key (reusable, 24h).",
                "The key is a credential: it is printed only here, never logged. With --output json the document"
                + " carries the key too (it is what the command is for), with its id, owner and policy."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:The key was printed.",
                "1:Headscale gave no key; the message names the setting to fix.",
                "2:Bad usage or input (expiration, tags, user, configuration), before contacting Headscale."})
    static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @ArgGroup(exclusive = true)
        Reuse reuse;

        static final class Reuse {
            @Option(names = "--reusable", description = "The key may join several machines (default: mesh.headscale.key.reusable).")
            boolean reusable;

            @Option(names = "--single-use", description = "The key joins one machine once.")
            boolean singleUse;
        }

        @Option(names = "--ephemeral", description = "Nodes joined with it are removed when they go offline.")
        Boolean ephemeral;

        @Option(names = "--expiration", paramLabel = "DURATION",
                description = "How long the key stays valid, e.g. 30m, 24h, 90d (default: mesh.headscale.key.expiration).")
        String expiration;

        @Option(names = "--tags", paramLabel = "TAG", split = ",",
                description = "ACL tags for the nodes, tag:NAME, comma-separated (default: mesh.headscale.key.tags).")
        List<String> tags;

        @Option(names = {"-u", "--user"}, paramLabel = "USER",
                description = "Headscale user that owns the key (mesh.headscale.user, MESH_HEADSCALE_USER).")
        String user;

        @Option(names = "--source", paramLabel = "SOURCE",
                description = "cli, rest or ssh (mesh.headscale.source, MESH_HEADSCALE_SOURCE).")
        String source;

        @CommandLine.Mixin
        HostOutputOption output;

        @Override
        public Integer call() {
            Map<String, Object> overrides = new java.util.LinkedHashMap<>();
            if (reuse != null) {
                overrides.put("mesh.headscale.key.reusable", reuse.reusable);
            }
            if (ephemeral != null) {
                overrides.put("mesh.headscale.key.ephemeral", ephemeral);
            }
            if (expiration != null) {
                overrides.put("mesh.headscale.key.expiration", expiration);
            }
            if (tags != null) {
                overrides.put("mesh.headscale.key.tags", tags);
            }
            if (user != null) {
                overrides.put("mesh.headscale.user", user);
            }
            if (source != null) {
                overrides.put("mesh.headscale.source", source);
            }
            MeshCommand root = MeshCommand.root(spec.commandLine());
            Console console = CliSupport.console(spec, root).toErr();
            try (MeshRuntime mesh = CliSupport.start(root, console, overrides)) {
                KeyPolicy policy = mesh.keyPolicy();
                MintedKey key;
                try {
                    key = mesh.headscale().mint(policy);
                } catch (AuthKeyException e) {
                    console.error(FailureReason.AUTH_KEY_FAILED.message() + ": " + e.getMessage());
                    if (output.json()) { // a script reads why, not an empty stdout
                        ObjectNode doc = HostRendering.JSON.createObjectNode().put("command", "authkey create")
                                .put("source", mesh.settings().headscale().source().name().toLowerCase(java.util.Locale.ROOT));
                        doc.putObject("failure").put("reason", FailureReason.AUTH_KEY_FAILED.name())
                                .put("message", FailureReason.AUTH_KEY_FAILED.message())
                                .put("cause", DisplayText.of(e.getMessage()));
                        HostRendering.print(spec.commandLine().getOut(), doc.put("exit-code", ExitCodes.FAILURE));
                    }
                    return ExitCodes.FAILURE;
                }
                console.ok("Pre-auth key for user " + policy.user() + " (" + (policy.reusable() ? "reusable" : "single-use")
                        + (policy.ephemeral() ? ", ephemeral" : "") + ", expires in " + policy.expiration().toHours()
                        + "h" + (policy.tags().isEmpty() ? "" : ", tags " + String.join(",", policy.tags())) + ")"
                        + " from " + mesh.settings().headscale().source());
                if (output.json()) {
                    HostRendering.print(spec.commandLine().getOut(), json(key, policy,
                            mesh.settings().headscale().source().name().toLowerCase(java.util.Locale.ROOT)));
                } else {
                    spec.commandLine().getOut().println(key.key().reveal());
                    spec.commandLine().getOut().flush();
                }
                return ExitCodes.OK;
            }
        }

        /**
         * {@code {"command": "authkey create", "key", "id", "user", "reusable", "ephemeral", "expiration",
         * "expiration-seconds", "tags", "source", "exit-code"}}: the key is in it because giving the key is
         * this command's purpose (the only JSON document mesh writes that holds a secret).
         */
        static ObjectNode json(MintedKey key, KeyPolicy policy, String source) {
            ObjectNode doc = HostRendering.JSON.createObjectNode().put("command", "authkey create")
                    .put("key", key.key().reveal()).put("id", key.id().orElse(null)).put("user", policy.user())
                    .put("reusable", policy.reusable()).put("ephemeral", policy.ephemeral())
                    .put("expiration", duration(policy.expiration().toSeconds()))
                    .put("expiration-seconds", policy.expiration().toSeconds());
            var tags = doc.putArray("tags");
            policy.tags().forEach(tags::add);
            return doc.put("source", source).put("exit-code", ExitCodes.OK);
        }

        /** {@code 24h}, {@code 90m}, {@code 45s}: the largest unit that divides it, as Headscale's flag takes it. */
        private static String duration(long seconds) {
            return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
        }
    }
}
