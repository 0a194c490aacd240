package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {

    /** Every command that runs (no subcommands), as the words that name it. */
    private static List<List<String>> leaves(CommandLine cl, List<String> prefix, List<List<String>> into) {
        if (cl.getSubcommands().isEmpty()) {
            into.add(prefix);
        }
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> words = new ArrayList<>(prefix);
            words.add(name);
            leaves(sub, words, into);
        });
        return into;
    }

    private static String run(boolean pruned, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = pruned
                ? MeshCommandLine.createFor(args, Map.of(), java.io.InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err))
                : MeshCommandLine.create(Map.of(), new PrintWriter(out), new PrintWriter(err));
        int code = cl.execute(args);
        return code + "\n" + out + "\n" + err;
    }

    @Test
    void aRunBuildsOnlyTheCommandsItNamesAndTheyBehaveAsInTheWholeTree() {
        List<List<String>> leaves = leaves(MeshCommandLine.create(Map.of()), List.of(), new ArrayList<>());
        assertTrue(leaves.size() > 15, leaves.toString());
        int pruned = 0;
        for (List<String> words : leaves) {
            String[] help = new ArrayList<>(words) {{ add("--help"); }}.toArray(String[]::new);
            String[] bad = new ArrayList<>(words) {{ add("--no-such-option"); }}.toArray(String[]::new);
            assertEquals(run(false, help), run(true, help), String.join(" ", words));
            assertEquals(run(false, bad), run(true, bad), String.join(" ", words));
            if (CommandTree.pathOf(words.toArray(String[]::new)).isPresent()) {
                pruned++;
            }
        }
        long showOthers = leaves.stream().filter(w -> List.of("help", "completion").contains(w.get(w.size() - 1))).count();
        assertEquals(6, showOthers, leaves.toString());
        assertEquals(leaves.size() - showOthers, pruned, "every command but help and completion is built alone");
    }

    @Test
    void groupsHelpAndUnknownWordsGetTheWholeTree() {
        for (String[] args : List.of(new String[] {"remote"}, new String[] {"help", "remote", "provision"},
                new String[] {"completion", "bash"}, new String[] {"--verbose", "remote", "provision", "h"},
                new String[] {"remote", "nosuch"}, new String[] {})) {
            assertTrue(CommandTree.pathOf(args).isEmpty(), String.join(" ", args));
        }
        assertTrue(CommandTree.pathOf(new String[] {"remote", "provision", "h", "-v"}).isPresent());
    }

    @Test
    void theCommandsThatConnectOverSshAreTheRemoteAndSyncthingOnes() {
        List<List<String>> leaves = leaves(MeshCommandLine.create(Map.of()), List.of(), new ArrayList<>());
        for (List<String> words : leaves) {
            boolean connects = CommandTree.pathOf(words.toArray(String[]::new)).map(CommandTree::connects).orElse(false);
            boolean expected = List.of("remote provision", "remote provision-all", "remote prepare", "remote detect",
                    "remote status", "remote remove", "syncthing pair", "syncthing unpair", "syncthing status")
                    .contains(String.join(" ", words));
            assertEquals(expected, connects, String.join(" ", words));
        }
        assertFalse(CommandTree.all().connects());
    }

    @Test
    void inheritedOptionsAfterTheCommandParseTheSameInBothModels() throws Exception {
        java.nio.file.Path conf = java.nio.file.Files.createTempFile("mesh", ".conf");
        try {
            String[] args = {"remote", "provision", "h", "-vv", "--inventory", "inv.conf", "--config", conf.toString(),
                    "--dry-run", "-p", "2222"};
            List<String> seen = new ArrayList<>();
            for (boolean pruned : new boolean[] {false, true}) {
                CommandLine cl = pruned
                        ? MeshCommandLine.createFor(args, Map.of(), java.io.InputStream.nullInputStream(),
                                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                        : MeshCommandLine.create(Map.of());
                CommandLine.ParseResult leaf = cl.parseArgs(args).subcommand().subcommand();
                seen.add(leaf.commandSpec().qualifiedName() + " " + leaf.matchedOptions().stream()
                        .map(o -> o.longestName() + "=" + java.util.Arrays.toString(o.stringValues().toArray())).sorted().toList()
                        + " " + leaf.matchedPositionals().stream().map(p -> p.stringValues().toString()).toList());
            }
            assertEquals(seen.get(0), seen.get(1));
            assertTrue(seen.get(1).contains("--inventory=[inv.conf]") && seen.get(1).contains("--verbose"), seen.get(1));
        } finally {
            java.nio.file.Files.deleteIfExists(conf);
        }
    }
}
