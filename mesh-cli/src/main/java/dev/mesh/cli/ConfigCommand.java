package dev.mesh.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.config.EffectiveSetting;
import dev.mesh.core.config.MeshConfigLoader;
import dev.mesh.core.config.MeshSettings;
import dev.mesh.core.config.Origin;
import dev.mesh.core.inventory.InventoryFiles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mesh config}: every effective setting with its value and where it came from, like
 * {@code ssh -G} or {@code ansible-config dump}. The Headscale API key is a secret: only whether it
 * is set, and from where.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show every effective setting with its value and where it came from: a file and line "
            + "(mesh.conf, --config), an environment variable, a flag, or a default (reference.conf). The Headscale "
            + "API key is shown only as set or not set, with where it would be read from.",
            "Settings, lowest to highest precedence: defaults, ~/.config/mesh/mesh.conf ($XDG_CONFIG_HOME/mesh/mesh.conf), "
            + "--config FILE, MESH_* environment variables (README lists them), flags."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Shown.", "2:A setting or a configuration file is wrong (the message names it)."})
final class ConfigCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    HostOutputOption output;

    @Override
    public Integer call() {
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console console = HostCommand.console(spec, output.format);
        try (MeshRuntime mesh = CliSupport.start(root, console, Map.of())) {
            MeshSettings s = mesh.settings();
            InventoryFiles inventory = mesh.hosts().files();
            Map<String, String> files = new LinkedHashMap<>();
            files.put("user", MeshRuntime.userConfigFile(root.env).toString());
            files.put("config", root.configFile == null ? null : root.configFile.toString());
            files.put("inventory", inventory.file().toString());
            if (output.json()) {
                HostRendering.print(spec.commandLine().getOut(), json(s, files, root.env));
                return ExitCodes.OK;
            }
            Map<String, String[]> rows = new LinkedHashMap<>();
            for (EffectiveSetting e : s.effective()) {
                rows.put(e.key(), new String[] {e.value() == null ? "(unset)" : render(e.value()), e.origin().toString()});
            }
            rows.put("Headscale API key", new String[] {apiKeyState(s, root.env),
                    s.apiKey().map(Origin::toString).orElse("MESH_HEADSCALE_API_KEY or mesh.headscale.api-key-file")});
            console.plain("Settings, lowest to highest precedence: defaults < " + files.get("user")
                    + " < --config FILE < environment < flags");
            HostRendering.table(rows).forEach(console::plain);
            console.plain("Inventory: " + inventory.file() + " (" + inventory.origin() + ")");
            return ExitCodes.OK;
        }
    }

    /**
     * "set", "not set", or, when the key would come from {@code mesh.headscale.api-key-file} and that
     * file cannot be read, "set, but its file is missing" or "… cannot be read" (the key itself is never read here).
     */
    static String apiKeyState(MeshSettings s, Map<String, String> env) {
        if (s.apiKey().isEmpty()) {
            return "not set";
        }
        String variable = env.get(dev.mesh.core.authkey.HeadscaleApiKey.VARIABLE);
        java.util.Optional<java.nio.file.Path> file = s.headscale().apiKeyFile();
        if ((variable != null && !variable.isBlank()) || file.isEmpty()) {
            return "set";
        }
        if (!java.nio.file.Files.exists(file.get())) {
            return "set, but its file is missing";
        }
        return java.nio.file.Files.isReadable(file.get()) ? "set" : "set, but its file cannot be read";
    }

    /** A value as HOCON writes it (strings quoted), so "" and "22" read unambiguously. */
    private static String render(Object value) {
        return com.typesafe.config.ConfigValueFactory.fromAnyRef(value)
                .render(com.typesafe.config.ConfigRenderOptions.concise());
    }

    /**
     * {@code {"settings": [{"key", "value", "origin"}…], "secrets": [{"name", "set", "origin"}],
     * "files": {"user", "config", "inventory"}, "variables": [{"name", "setting"}…]}}.
     */
    private static ObjectNode json(MeshSettings s, Map<String, String> files, Map<String, String> env) {
        ObjectNode doc = HostRendering.JSON.createObjectNode().put("command", "config");
        ArrayNode settings = doc.putArray("settings");
        for (EffectiveSetting e : s.effective()) {
            settings.addObject().put("key", e.key()).<ObjectNode>set("value", HostRendering.JSON.valueToTree(e.value()))
                    .set("origin", HostRendering.origin(e.origin()));
        }
        ObjectNode key = doc.putArray("secrets").addObject().put("name", "headscale-api-key")
                .put("set", s.apiKey().isPresent()).put("state", apiKeyState(s, env));
        s.apiKey().ifPresent(o -> key.set("origin", HostRendering.origin(o)));
        ObjectNode f = doc.putObject("files");
        files.forEach(f::put);
        ArrayNode variables = doc.putArray("variables");
        MeshConfigLoader.ENVIRONMENT_VARIABLES.forEach(v -> variables.addObject().put("name", v.name())
                .put("setting", v.path()));
        return doc;
    }
}
