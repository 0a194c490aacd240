package dev.mesh.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * mesh's commands and their subcommands, in the order help lists them. Kept here instead of in the
 * {@code subcommands} of each {@code @Command}, so that a run can build the model of the commands it
 * runs only ({@link #pathOf}); {@link #all} is the whole tree, what help, completion and man pages show.
 */
final class CommandTree {
    private static final Map<Class<?>, List<Class<?>>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put(MeshCommand.class, List.of(RemoteCommand.class, HostCommand.class, SyncthingCommand.class,
                AuthkeyCommand.class, PluginsCommand.class, ConfigCommand.class, CompletionCommand.class, MeshHelpCommand.class));
        SUBCOMMANDS.put(RemoteCommand.class, List.of(ProvisionCommand.class, ProvisionAllCommand.class, PrepareCommand.class,
                DetectCommand.class, RemoteStatusCommand.class, RemoteRemoveCommand.class, MeshHelpCommand.class));
        SUBCOMMANDS.put(HostCommand.class, List.of(HostAddCommand.class, HostListCommand.class, HostShowCommand.class,
                HostRemoveCommand.class, HostImportCommand.class, MeshHelpCommand.class));
        SUBCOMMANDS.put(SyncthingCommand.class, List.of(SyncthingPairCommand.class, SyncthingUnpairCommand.class,
                SyncthingStatusCommand.class, MeshHelpCommand.class));
        SUBCOMMANDS.put(AuthkeyCommand.class, List.of(AuthkeyCommand.Create.class, MeshHelpCommand.class));
    }

    /** Commands that need the whole tree: they show other commands. */
    private static final List<Class<?>> NEED_ALL = List.of(MeshHelpCommand.class, CompletionCommand.class);

    /** The classes on the path, from mesh's first subcommand to the command that runs; empty for all. */
    private final List<Class<?>> path;

    private CommandTree(List<Class<?>> path) {
        this.path = path;
    }

    static CommandTree all() {
        return new CommandTree(List.of());
    }

    /**
     * The commands {@code args} name, when they start with command names down to one that has no
     * subcommands; empty when an option comes first, a word is not a command name, the path ends at a
     * group, or the command shows other commands ({@code help}, {@code completion}).
     */
    static Optional<CommandTree> pathOf(String[] args) {
        List<Class<?>> path = new ArrayList<>();
        Class<?> at = MeshCommand.class;
        for (String arg : args) {
            Optional<Class<?>> next = SUBCOMMANDS.get(at).stream().filter(c -> names(c).contains(arg)).findFirst();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            at = next.get();
            path.add(at);
            if (!SUBCOMMANDS.containsKey(at)) {
                return NEED_ALL.contains(at) ? Optional.empty() : Optional.of(new CommandTree(path));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the command connects to the hosts it works on over SSH, so that the SSH warm-up pays:
     * every command under {@code remote} and {@code syncthing} but {@code help}. False for the whole
     * tree (an option before the command, a group, help). {@code authkey create} with the Headscale
     * source {@code ssh} connects too, once, to the Headscale host, and is left out.
     */
    boolean connects() {
        return !path.isEmpty() && (path.get(0) == RemoteCommand.class || path.get(0) == SyncthingCommand.class);
    }

    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(Arrays.asList(c.aliases()));
        names.add(c.name());
        return names;
    }

    /** Adds the subcommands of {@code root} (mesh): every one, or those on the path. */
    void addTo(CommandLine root) {
        add(root, MeshCommand.class, 0);
    }

    private void add(CommandLine parent, Class<?> type, int depth) {
        for (Class<?> sub : SUBCOMMANDS.getOrDefault(type, List.of())) {
            if (!path.isEmpty() && (depth >= path.size() || path.get(depth) != sub)) {
                continue;
            }
            parent.addSubcommand(sub);
            CommandLine added = parent.getSubcommands().get(sub.getAnnotation(Command.class).name());
            add(added, sub, depth + 1);
        }
    }
}
