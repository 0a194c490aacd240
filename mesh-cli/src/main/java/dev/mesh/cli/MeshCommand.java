package dev.mesh.cli;

import dev.mesh.core.config.ConfigFiles;
import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.provision.StopSignal;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code mesh}: the root command; holds the options every subcommand inherits. */
@Command(name = "mesh",
        mixinStandardHelpOptions = true,
        versionProvider = MeshVersion.class,
        description = {
            "Joins machines to a self-hosted Headscale/Tailscale mesh over SSH: reach a host, find out what it is, "
                + "mint a Headscale pre-auth key, install and connect Tailscale, install Syncthing, and prove it worked.",
            "",
            "Settings, lowest to highest precedence: built-in defaults, ~/.config/mesh/mesh.conf "
                + "($XDG_CONFIG_HOME/mesh/mesh.conf), --config FILE, MESH_* environment variables, flags. "
                + "'mesh config' shows every effective setting and where it came from (README lists the variables)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:Failure: the output names the step, the cause and a hint.",
            "2:Bad usage or input (host, port, URL, config value), before any connection.",
            "3:Manual step needed on the host; the output says what to run.",
            "130:Stopped by Ctrl-C or SIGTERM."})
public final class MeshCommand implements Runnable {
    final Map<String, String> env;
    final InputStream stdin;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Path configFile;

    @Option(names = "--inventory", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The host inventory (mesh.inventory, MESH_INVENTORY; default: hosts.conf beside mesh.conf).")
    Path inventoryFile;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "-v: every remote command with its exit code and duration, per host (secrets redacted),"
                    + " and stack traces; -vv: also the SSH library's debug log (MINA SSHD).")
    boolean[] verbose = new boolean[0];

    /**
     * The stop a provisioning run watches, when a test raises it itself; null (always, in the
     * {@code mesh} process): each run makes its own, raised by {@link Interrupts}.
     */
    StopSignal stop;

    MeshCommand(Map<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    /**
     * {@code --config FILE}: checked and parsed while the command line is parsed, so a missing,
     * unreadable, non-regular (a FIFO, {@code /dev/zero}) or malformed file is exit 2 for every command,
     * even one that reads no setting, and nothing is opened that could block.
     */
    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Read this HOCON file on top of ~/.config/mesh/mesh.conf; it must exist.")
    void configFile(Path file) {
        try {
            if (!java.nio.file.Files.exists(file)) {
                throw new MeshConfigException(file + ": configuration file (given with --config) does not exist");
            }
            // parsed too: a syntax error is exit 2 for every command, `mesh plugins` as much as `mesh config`
            ConfigFiles.parse(file, "configuration file (given with --config)", false);
        } catch (MeshConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        configFile = file;
    }

    /** The configuration overrides of the root's options ({@code --inventory}) added to a command's own. */
    Map<String, Object> withGlobalOverrides(Map<String, Object> overrides) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(overrides);
        if (inventoryFile != null) {
            all.put("mesh.inventory", inventoryFile.toString());
        }
        return all;
    }

    /** The stop a provisioning run watches: the test's ({@link #stop}), else a new one. */
    StopSignal newStop() {
        return stop != null ? stop : new StopSignal();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The root command object of any command line in the tree. */
    static MeshCommand root(CommandLine commandLine) {
        CommandLine c = commandLine;
        while (c.getParent() != null) {
            c = c.getParent();
        }
        return (MeshCommand) c.getCommand();
    }

    static boolean verbose(CommandLine commandLine) {
        return root(commandLine).verbosity() > 0;
    }

    /** How many {@code -v}: 0, 1 (remote commands), 2 or more (also the SSH library's debug log). */
    int verbosity() {
        return verbose.length;
    }
}
