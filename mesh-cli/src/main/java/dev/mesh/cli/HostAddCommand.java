package dev.mesh.cli;

import dev.mesh.core.MeshRuntime;
import dev.mesh.core.config.SettingChecks;
import dev.mesh.core.input.InvalidInputException;
import dev.mesh.core.inventory.HostDraft;
import dev.mesh.core.inventory.HostSetting;
import dev.mesh.core.inventory.InventoryEditor;
import dev.mesh.core.inventory.InventoryReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mesh host add NAME --address A …}: one new entry in the inventory. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a host to the inventory. The file is rewritten atomically and keeps every other entry "
            + "and comment; a name already there, or an invalid value, changes nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Added.", "2:Bad or duplicate input, or an inventory that does not read; nothing written."})
final class HostAddCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The host's name in mesh (e.g. web1 or web1.example.com).")
    String name;

    @Option(names = {"--address", "--ip"}, required = true, paramLabel = "ADDRESS",
            description = "Host name or IP address SSH connects to (--ip is the seed's name).")
    String address;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "SSH port.")
    Integer port;

    @Option(names = "--user", paramLabel = "USER", description = "SSH login user.")
    String user;

    @Option(names = {"-i", "--identity"}, paramLabel = "KEY", description = "Private key to try first, like ssh -i.")
    Path identity;

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag for selecting hosts (repeatable).")
    List<String> tags = List.of();

    @Option(names = "--skip-syncthing", description = "Do not install Syncthing on this host.")
    boolean skipSyncthing;

    @Mixin
    HostPreferenceOptions preferences;

    @Override
    public Integer call() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("address", check("--address", address, () -> HostSetting.address(address)));
        if (port != null) {
            values.put("port", check("--port", port, () -> SettingChecks.port(port)));
        }
        if (user != null) {
            values.put("user", check("--user", user, () -> SettingChecks.sshUser(user)));
        }
        if (identity != null) {
            values.put("identity", identity.toString());
        }
        if (!tags.isEmpty()) {
            values.put("tags", tags.stream().map(t -> check("--tag", t, () -> HostSetting.tag(t))).toList());
        }
        if (skipSyncthing) {
            values.put("skip-syncthing", true);
        }
        preferences.given().forEach((p, v) -> values.put("tailscale." + p.key(), v));
        if (!InventoryReader.HOST_NAME.matcher(name).matches()) {
            throw new InvalidInputException("Invalid host name '" + name + "': use letters, digits, '.', '_' and '-'.");
        }
        Console console = CliSupport.console(spec, MeshCommand.root(spec.commandLine()));
        try (MeshRuntime mesh = HostCommand.start(spec, console)) {
            Path file = mesh.hosts().files().file();
            new InventoryEditor(file).add(new HostDraft(name, values), false);
            console.ok("Added " + name + " to " + file);
            if (identity != null) {
                identityWarning(identity).ifPresent(console::warn);
            }
            return ExitCodes.OK;
        }
    }

    /**
     * Why the identity file cannot be used now, if it cannot: the entry is kept (the key may be put there
     * later, as an Ansible inventory may name one), and connecting to the host checks it again (exit 2).
     */
    static java.util.Optional<String> identityWarning(Path identity) {
        try {
            dev.mesh.core.ssh.IdentityCheck.require(identity, "--identity");
            return java.util.Optional.empty();
        } catch (dev.mesh.core.input.InvalidInputException e) {
            return java.util.Optional.of(e.getMessage() + " Connecting to this host fails until it can be used.");
        }
    }

    /** Runs a value rule; its complaint becomes an exit-2 message naming the flag and value. */
    static <T> T check(String flag, Object value, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(flag + " " + value + ": " + e.getMessage());
        }
    }
}
