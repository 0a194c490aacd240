package dev.mesh.cli;

import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.input.InvalidInputException;
import dev.mesh.core.plugin.PluginLoadException;
import dev.mesh.core.ssh.SshWarmup;
import dev.mesh.core.text.DisplayText;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds the {@link CommandLine} (as jbang does): one place for the exit-code mapping and the
 * handlers that turn exceptions into one clean line instead of a stack trace. What the handlers print
 * (messages, and stack traces with {@code --verbose}) passes through {@link DisplayText}: an exception
 * may quote a host's answer or, from a library, a secret.
 */
public final class MeshCommandLine {
    private MeshCommandLine() {
    }

    /** The command line with the environment the commands should see (tests pass their own). */
    public static CommandLine create(Map<String, String> env) {
        return create(env, System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static CommandLine create(Map<String, String> env, PrintWriter out, PrintWriter err) {
        return create(env, InputStream.nullInputStream(), out, err);
    }

    /** With the standard input the commands read ({@code --sudo-password-stdin}): every command. */
    public static CommandLine create(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
        return create(CommandTree.all(), env, in, out, err);
    }

    /**
     * The command line for one run of {@code mesh ARGS}: with only the commands ARGS names when they name
     * one command that is not a group nor {@code help} nor {@code completion} (picocli builds every
     * command's model from its annotations up front, about a fifth of a re-check's start-up); else, and
     * for anything unusual, every command (the same errors, help and suggestions as ever). For a command
     * that connects over SSH, the SSH warm-up starts first ({@link SshWarmup}).
     */
    public static CommandLine createFor(String[] args, Map<String, String> env, InputStream in, PrintWriter out,
                                        PrintWriter err) {
        CommandTree tree = CommandTree.pathOf(args).orElseGet(CommandTree::all);
        if (tree.connects()) {
            SshWarmup.start(); // overlaps the model, the settings and the plugins (SshWarmup says why)
        }
        return create(tree, env, in, out, err);
    }

    private static CommandLine create(CommandTree tree, Map<String, String> env, InputStream in, PrintWriter out,
                                      PrintWriter err) {
        CommandLine cl = new CommandLine(new MeshCommand(env, in));
        tree.addTo(cl);
        cl.setOut(out);
        cl.setErr(err);
        everyCommand(cl);
        cl.setExecutionStrategy(MeshCommandLine::execute);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                Console.colorWanted(env) ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof InvalidInputException || ex instanceof MeshConfigException) {
                e.println("mesh: " + DisplayText.of(ex.getMessage()));
                return ExitCodes.USAGE;
            }
            if (ex instanceof PluginLoadException) {
                e.println("mesh: " + DisplayText.of(ex.getMessage()));
                return ExitCodes.FAILURE;
            }
            e.println("mesh: " + DisplayText.of(String.valueOf(ex)));
            if (MeshCommand.verbose(commandLine)) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                e.println(DisplayText.of(trace.toString()));
            } else {
                e.println("(run with --verbose for details)");
            }
            return ExitCodes.FAILURE;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("mesh: " + DisplayText.of(message(ex)));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /** "Unknown command 'nosuch' for 'mesh' (its commands: …)" for a word where a command was expected. */
    private static String message(CommandLine.ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !c.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            return "Unknown command '" + u.getUnmatched().get(0) + "' for '" + c.getCommandSpec().qualifiedName()
                    + "' (its commands: " + String.join(", ", c.getSubcommands().keySet()) + ")";
        }
        return ex.getMessage();
    }

    /**
     * Every command answers {@code -V} (the version) and lists its exit codes in {@code --help}: the
     * groups ({@code mesh remote}, {@code mesh host}, …) say that they only show help.
     */
    private static void everyCommand(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        spec.versionProvider(new MeshVersion());
        if (spec.usageMessage().exitCodeList().isEmpty()) {
            Map<String, String> codes = new java.util.LinkedHashMap<>();
            codes.put("0", "Help shown.");
            codes.put("2", "Unknown command or option (named in the message).");
            spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        }
        cl.getSubcommands().values().forEach(MeshCommandLine::everyCommand);
    }

    /**
     * picocli's {@code RunLast}, except that a word picocli did not match is an error even when
     * {@code --help} is given ({@code mesh nosuch --help}: exit 2 naming {@code nosuch}, not the
     * top-level help and 0).
     */
    private static int execute(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                CommandLine c = p.commandSpec().commandLine();
                throw new CommandLine.UnmatchedArgumentException(c, p.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }
}
