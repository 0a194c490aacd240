package dev.mesh.cli;

import dev.mesh.os.linux.SimulatedDebianHost;
import dev.mesh.testkit.SimulatedHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Benchmark (run by {@code bench/heap.sh}, not by the test suite): the mesh client's Java heap for a
 * fleet of 100 simulated Debian hosts (issue 9's goal: under 256 MB). The hosts are MINA SSH servers
 * in THIS JVM; mesh runs as its own process from the built distribution ({@code bin/mesh}), capped
 * at {@code -Xmx256m}, with a GC log from which the peak heap in use is read: the largest "before"
 * of any collection, or the heap in use at exit if that is larger. Two runs: provisioning all 100
 * fresh hosts with {@code --all} (default {@code --parallel 10}), then re-checking them joined.
 */
public final class FleetMemoryBenchmark {
    private static final Pattern BEFORE = Pattern.compile("(\\d+)M->\\d+M");
    private static final Pattern USED_AT_EXIT = Pattern.compile("used (\\d+)K");

    private FleetMemoryBenchmark() {
    }

    /** Arguments: the distribution's {@code bin/mesh}, and optionally the number of hosts (default 100). */
    public static void main(String[] args) throws Exception {
        Path mesh = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = Files.createTempDirectory("mesh-heap-bench");
        CliHarness cli = new CliHarness(dir);
        List<SimulatedDebianHost<SimulatedHost>> hosts = new ArrayList<>();
        StringBuilder inventory = new StringBuilder("hosts {\n");
        try {
            for (int i = 0; i < count; i++) {
                SimulatedDebianHost<SimulatedHost> host = SimulatedDebianHost.overSsh(dir.resolve("h" + i));
                String ip = "100.64." + (1 + i / 250) + "." + (1 + i % 250);
                host.node.addresses = List.of(ip);
                String name = "h" + i;
                String id = String.valueOf(1000 + i);
                host.onJoin = joined -> cli.registerNode(id, name, ip);
                hosts.add(host);
                inventory.append("  ").append(name).append(" { address = \"127.0.0.1\", port = ")
                        .append(host.host.port()).append(", user = steve, identity = \"")
                        .append(host.host.clientKey()).append("\" }\n");
            }
            Path file = dir.resolve("hosts.conf");
            Files.writeString(file, inventory.append("}\n").toString());
            System.out.printf("mesh client heap for %d simulated hosts (cap -Xmx256m; goal: peak in use < 256 MB)%n", count);
            run(mesh, cli, dir, file, "provision of fresh hosts");
            run(mesh, cli, dir, file, "re-check of joined hosts");
        } finally {
            for (SimulatedDebianHost<SimulatedHost> host : hosts) {
                host.close();
            }
        }
    }

    private static void run(Path mesh, CliHarness cli, Path dir, Path inventory, String what) throws IOException {
        Path gc = dir.resolve("gc-" + what.hashCode() + ".log");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(cli.env);
        env.put("MESH_JAVA_OPTS", "-Xmx256m -Xlog:gc,gc+heap+exit:file=" + gc);
        CommandLine command = new CommandLine(mesh.toFile()).addArguments(new String[] {"remote", "provision", "--all",
            "--inventory", inventory.toString(), "-s", "http://127.0.0.1:8080", "--skip-syncthing"}, false);
        DefaultExecutor executor = DefaultExecutor.builder().get();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        executor.setStreamHandler(new PumpStreamHandler(output));
        long t0 = System.nanoTime();
        int code;
        try {
            code = executor.execute(command, env);
        } catch (ExecuteException e) {
            code = e.getExitValue();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String log = Files.readString(gc);
        long peak = 0;
        Matcher m = BEFORE.matcher(log);
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        long atExit = 0;
        Matcher u = USED_AT_EXIT.matcher(log.substring(Math.max(0, log.lastIndexOf("Heap"))));
        while (u.find()) {
            atExit += Long.parseLong(u.group(1));
        }
        long collections = log.lines().filter(l -> l.contains("Pause")).count();
        System.out.printf("  %-26s exit %d in %5.1f s; peak Java heap in use %d MB (%d collections, %d MB in use at exit)%n",
                what, code, ms / 1000.0, Math.max(peak, atExit / 1024), collections, atExit / 1024);
        if (code != 0 || System.getenv("BENCH_SHOW_OUTPUT") != null) {
            String text = output.toString(java.nio.charset.StandardCharsets.UTF_8);
            System.out.println(text.substring(Math.max(0, text.length() - 3000)));
        }
    }
}
