package dev.mesh.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mesh help [COMMAND…]}: the help of the command at the end of the path, at any depth
 * ({@code mesh help remote provision} is provision's, as {@code mesh remote provision --help}).
 * picocli's own help command reads only the first word. An unknown command is exit 2, naming it.
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true,
        description = "Show the help of a command: mesh help remote provision.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Help shown.", "2:No such command."})
final class MeshHelpCommand implements Runnable, CommandLine.IHelpCommandInitializable2 {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, as typed after mesh (e.g. remote provision).")
    List<String> path = List.of();

    private CommandLine self;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out,
                     PrintWriter err) {
        this.self = helpCommandLine;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String word : path) {
            CommandLine next = target.getSubcommands().get(word);
            if (next == null) {
                throw new CommandLine.ParameterException(self, "Unknown command '" + word + "' for '"
                        + target.getCommandSpec().qualifiedName() + "'; its commands: "
                        + String.join(", ", target.getSubcommands().keySet()));
            }
            target = next;
        }
        target.usage(self.getOut(), target.getColorScheme());
    }
}
