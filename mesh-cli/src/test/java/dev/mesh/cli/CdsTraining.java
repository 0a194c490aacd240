package dev.mesh.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import dev.mesh.os.linux.SimulatedDebianHost;
import dev.mesh.testkit.SimulatedHost;

/**
 * The build-time training run of the runtime image's class-data-sharing archive (not a test): run
 * by {@code mesh-cli/src/assembly/runtime-image.sh} on the image's own JVM with
 * {@code -XX:DumpLoadedClassList}, it drives mesh's typical start-up paths in-process, so that the
 * list names every class they load: help and version, {@code plugins}, {@code config},
 * {@code authkey create}, {@code remote detect}, a first provision and a re-check of a simulated
 * Debian host over real SSH (MINA SSHD on loopback), and a refused connection. The user's key is
 * ed25519 (ssh-keygen's default) and known_hosts holds rsa, ecdsa and ed25519 keys, so the classes
 * for each key type are listed. Each run must end with the exit code a user would see; any other
 * ends the build (a JDK module missing from the image shows up here as a NoClassDefFoundError).
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName(Main.class.getName()); // the launcher's entry point, which calls System.exit
        VersionShortcut.printed(new String[] {"--version"}, new PrintStream(OutputStream.nullOutputStream()));
        Path dir = Files.createTempDirectory("mesh-cds-training");
        try {
            CliHarness cli = new CliHarness(dir);
            expect(cli, ExitCodes.OK, "--version");
            expect(cli, ExitCodes.OK, "--help");
            expect(cli, ExitCodes.OK, "remote", "provision", "--help");
            expect(cli, ExitCodes.OK, "plugins");
            expect(cli, ExitCodes.OK, "config");
            expect(cli, ExitCodes.USAGE, "remote", "provision", "bad host name!");
            expect(cli, ExitCodes.OK, "authkey", "create");
            try (SimulatedDebianHost<SimulatedHost> debian = SimulatedDebianHost.overSsh(dir.resolve("host"))) {
                cli.registerOnJoin(debian);
                String port = String.valueOf(debian.host.port());
                expect(cli, ExitCodes.OK, "remote", "detect", "steve@127.0.0.1", "-p", port,
                        "-i", debian.host.clientKey().toString());
                Files.write(dir.resolve("known_hosts"), otherHostsOfEveryKeyType(), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                String key = ed25519Key(dir, debian).toString();
                for (int run = 0; run < 2; run++) { // joins, then the re-check of a joined host
                    expect(cli, ExitCodes.OK, "remote", "provision", "steve@127.0.0.1", "-p", port,
                            "-s", "http://127.0.0.1:8080", "-i", key);
                }
                expect(cli, ExitCodes.FAILURE, "remote", "provision", "steve@127.0.0.1", "-p", closedPort(),
                        "-s", "http://127.0.0.1:8080", "-i", key);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void expect(CliHarness cli, int exitCode, String... args) {
        int code = cli.run(args);
        if (code != exitCode) {
            throw new IllegalStateException("mesh " + String.join(" ", args) + ": exit " + code + ", expected "
                    + exitCode + "\n" + cli.output());
        }
    }

    /** A user key as ssh-keygen makes it by default (ed25519, OpenSSH format), accepted by the host. */
    private static Path ed25519Key(Path dir, SimulatedDebianHost<SimulatedHost> debian) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path file = dir.resolve("id_ed25519");
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "cds-training", null, out);
        }
        // as ssh-keygen leaves it: mesh refuses a private key others can read, as ssh does
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        debian.host.acceptKey(pair.getPublic());
        return file;
    }

    /** known_hosts lines for documentation addresses (RFC 5737), one per key type mesh meets. */
    private static List<String> otherHostsOfEveryKeyType() throws GeneralSecurityException {
        List<String> lines = new ArrayList<>();
        String[][] types = {{KeyPairProvider.SSH_RSA, "3072"}, {KeyPairProvider.ECDSA_SHA2_NISTP256, "256"},
            {KeyPairProvider.SSH_ED25519, "256"}};
        for (int i = 0; i < types.length; i++) {
            KeyPair pair = KeyUtils.generateKeyPair(types[i][0], Integer.parseInt(types[i][1]));
            lines.add("192.0.2." + (i + 1) + " " + PublicKeyEntry.toString(pair.getPublic()));
        }
        return lines;
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
