package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 14's command-line bullets: -V and help everywhere, unknown commands, completion, exit codes in --help, -v counting. */
class CliBasicsTest {
    @TempDir
    Path dir;

    /** Every command's path below mesh, e.g. [remote, provision]. */
    private static List<List<String>> everyCommand() {
        List<List<String>> paths = new ArrayList<>();
        collect(MeshCommandLine.create(java.util.Map.of()), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            path.add(name);
            collect(sub, path, into);
            path.remove(path.size() - 1);
        });
    }

    @Test
    void everyCommandAnswersVersionAndListsItsExitCodesInItsHelp() throws Exception {
        CliHarness cli = new CliHarness(dir);
        List<List<String>> commands = everyCommand();
        assertTrue(commands.size() > 15, commands.toString());
        for (List<String> path : commands) {
            List<String> version = new ArrayList<>(path);
            version.add("-V");
            assertEquals(0, cli.run(version.toArray(String[]::new)), path + ": " + cli.output());
            assertTrue(cli.out.startsWith("mesh "), path + " -V printed: " + cli.output());

            List<String> help = new ArrayList<>(path);
            help.add("--help");
            assertEquals(0, cli.run(help.toArray(String[]::new)), path + ": " + cli.output());
            assertTrue(cli.out.contains("Exit codes:"), path + " --help: " + cli.out);
        }
    }

    @Test
    void helpFollowsTheWholePath() throws Exception {
        CliHarness cli = new CliHarness(dir);
        assertEquals(0, cli.run("help", "remote", "provision"));
        assertTrue(cli.out.startsWith("Usage: mesh remote provision"), cli.out);
        assertTrue(cli.out.contains("--parallel=N"), cli.out);
        assertEquals(0, cli.run("remote", "help", "provision-all"));
        assertTrue(cli.out.startsWith("Usage: mesh remote provision-all"), cli.out);
        assertEquals(ExitCodes.USAGE, cli.run("help", "remote", "nosuch"));
        assertTrue(cli.err.contains("Unknown command 'nosuch'"), cli.err);
    }

    @Test
    void anUnknownCommandIsExitTwoNamingItEvenWithHelp() throws Exception {
        CliHarness cli = new CliHarness(dir);
        for (String[] args : new String[][] {{"nosuch"}, {"nosuch", "--help"}, {"remote", "nosuch", "--help"}}) {
            assertEquals(ExitCodes.USAGE, cli.run(args), String.join(" ", args) + ": " + cli.output());
            assertTrue(cli.err.startsWith("mesh: Unknown command 'nosuch'"), cli.err);
            assertFalse(cli.out.contains("Usage:"), "no help printed: " + cli.out);
        }
    }

    @Test
    void completionScriptsComeFromTheCommandModel() throws Exception {
        CliHarness cli = new CliHarness(dir);
        for (String shell : List.of("bash", "zsh")) {
            assertEquals(0, cli.run("completion", shell), cli.output());
            assertTrue(cli.out.contains("complete -F _complete_mesh"), cli.out.lines().limit(5).toList().toString());
            assertTrue(cli.out.contains("provision-all") && cli.out.contains("--parallel"), shell);
        }
        assertTrue(cli.out.contains("bashcompinit"), "zsh loads bashcompinit");
        assertEquals(ExitCodes.USAGE, cli.run("completion", "fish"));
    }

    @Test
    void verbosityIsCountedAsPicocliCountsIt() {
        assertEquals(0, Main.verbosity(new String[] {"remote", "provision", "h", "-p", "22"}));
        assertEquals(1, Main.verbosity(new String[] {"-v", "remote", "provision", "h"}));
        assertEquals(2, Main.verbosity(new String[] {"remote", "provision", "-vv", "h"}));
        assertEquals(2, Main.verbosity(new String[] {"--verbose", "-fv", "h"}));
        assertEquals(0, Main.verbosity(new String[] {"--", "-vv"}));
        assertEquals(0, Main.verbosity(new String[] {"--inventory", "/tmp/v.conf"}));
    }
}
