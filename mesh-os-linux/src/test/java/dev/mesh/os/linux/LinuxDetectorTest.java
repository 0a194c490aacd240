package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.CommandResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.SpiVersion;
import dev.mesh.testkit.ScriptedHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinuxDetectorTest {

    static final String DEBIAN_FACTS = "x86_64\n@@mesh:os-release\n" + OsReleaseTest.DEBIAN_12
            + "@@mesh:proc-version\nLinux version 6.1.0-25-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0) #1 SMP PREEMPT_DYNAMIC Debian 6.1.106-3 (2024-08-26)\n"
            + "@@mesh:package-managers\n/usr/bin/apt-get\n";

    /** Answers like a DetectionProbe over a scripted host and records what was asked. */
    static final class Probe implements dev.mesh.api.DetectionProbe {
        final Map<String, CommandResult> answers;
        final List<String> asked = new ArrayList<>();

        Probe(Map<String, CommandResult> answers) {
            this.answers = answers;
        }

        @Override
        public CommandResult run(String command) {
            asked.add(command);
            return answers.getOrDefault(command, new CommandResult(127, "", "not found", false));
        }
    }

    @Test
    void detectsDebianInTwoRoundTripsUnameFirst() {
        Probe probe = new Probe(Map.of("uname -s", ScriptedHost.ok("Linux\n"),
                LinuxFacts.COMMAND, ScriptedHost.ok(DEBIAN_FACTS)));
        Optional<DetectedOs> os = new LinuxDetector().detect(probe);
        assertEquals(Optional.of(DetectedOs.builder("linux").distribution("debian").version("12").architecture("x86_64").packageManager("apt").build()), os);
        assertEquals(List.of("uname -s", LinuxFacts.COMMAND), probe.asked);
    }

    @ParameterizedTest
    @CsvSource({"Darwin", "MINGW64_NT-10.0-19045", "''"})
    void otherKernelsAreNotLinux(String kernel) {
        Probe probe = new Probe(Map.of("uname -s", ScriptedHost.ok(kernel + "\n")));
        assertTrue(new LinuxDetector().detect(probe).isEmpty());
        assertEquals(List.of("uname -s"), probe.asked);
    }

    @Test
    void windowsCmdWithoutUnameIsNotLinux() {
        Probe probe = new Probe(Map.of());
        assertTrue(new LinuxDetector().detect(probe).isEmpty());
    }

    @Test
    void linuxWithUnreadableFactsIsStillLinux() {
        Probe probe = new Probe(Map.of("uname -s", ScriptedHost.ok("Linux")));
        assertEquals(Optional.of(DetectedOs.builder("linux").build()), new LinuxDetector().detect(probe));
    }

    @Test
    void wslIsRecognisedFromProcVersion() {
        String facts = "x86_64\n@@mesh:os-release\n" + OsReleaseTest.UBUNTU_2404
                + "@@mesh:proc-version\nLinux version 5.15.153.1-microsoft-standard-WSL2 (root@941d701f84f1) #1 SMP\n"
                + "@@mesh:package-managers\n/usr/bin/apt-get\n";
        Probe probe = new Probe(Map.of("uname -s", ScriptedHost.ok("Linux\n"), LinuxFacts.COMMAND, ScriptedHost.ok(facts)));
        DetectedOs os = new LinuxDetector().detect(probe).orElseThrow();
        assertTrue(os.wsl());
        assertEquals("linux ubuntu 24.04 x86_64 (apt) [WSL]", os.describe());
    }

    @ParameterizedTest
    @CsvSource({
            "'Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) )', true",
            "'Linux version 5.15.153.1-microsoft-standard-WSL2', true",
            "'Linux version 6.6.36.3-wsl+ #1 SMP', true",
            "'Linux version 6.1.0-25-amd64 (debian-kernel@lists.debian.org)', false",
            "'', false"})
    void wslDetection(String procVersion, boolean wsl) {
        assertEquals(wsl, LinuxFacts.isWsl(procVersion));
    }

    @Test
    void factsParserToleratesMissingSectionsAndCentos7() {
        String facts = "aarch64\n@@mesh:os-release\nID=\"centos\"\nVERSION_ID=\"7\"\nID_LIKE=\"rhel fedora\"\n"
                + "@@mesh:proc-version\n@@mesh:package-managers\n/usr/bin/yum\n";
        LinuxFacts parsed = LinuxFacts.parse(facts);
        assertEquals("aarch64", parsed.architecture());
        assertEquals("", parsed.procVersion());
        DetectedOs os = parsed.toDetectedOs();
        assertEquals("yum", os.packageManager());
        assertFalse(os.wsl());
    }

    @Test
    void factsCommandRunsInPosixSh() throws Exception {
        // The combined command must be valid sh: run it here (the build machine is Linux).
        Process p = new ProcessBuilder("sh", "-c", LinuxFacts.COMMAND).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        LinuxFacts facts = LinuxFacts.parse(out);
        assertFalse(facts.architecture().isEmpty(), out);
        assertTrue(out.contains("@@mesh:package-managers"), out);
    }

    @Test
    void identity() {
        LinuxDetector detector = new LinuxDetector();
        assertEquals("linux", detector.id());
        assertEquals(100, detector.order());
        assertEquals(SpiVersion.CURRENT, detector.spiVersion());
    }
}
