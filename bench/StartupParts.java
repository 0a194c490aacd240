import java.nio.file.Path;
import java.util.Map;

/**
 * One start-up part of mesh alone in a fresh JVM, for bench/parts.sh: run on the runtime image's JVM
 * with its class-data archive, the CPU a part costs is its run's CPU minus that of the part "none".
 * Parts: none (the JVM and this class), picocli (mesh's command model, as every command but
 * --version builds it), eddsa (the ed25519 curve tables the net.i2p library computes in a static
 * initializer when it meets the first ed25519 key), mina (MINA SSHD's client built and started, as
 * mesh does before connecting: ciphers, key exchanges and signatures checked against the JCE
 * providers, an NIO2 thread pool), config (Typesafe Config's default load of every reference.conf).
 */
public final class StartupParts {
    private StartupParts() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "none" -> { }
            case "picocli" -> dev.mesh.cli.MeshCommandLine.create(Map.of());
            case "eddsa" -> Class.forName("net.i2p.crypto.eddsa.spec.EdDSANamedCurveTable");
            case "mina" -> {
                try (org.apache.sshd.client.SshClient client = org.apache.sshd.client.SshClient.setUpDefaultClient()) {
                    client.start();
                }
            }
            case "config" -> com.typesafe.config.ConfigFactory.parseFile(Path.of("/nonexistent").toFile())
                    .withFallback(com.typesafe.config.ConfigFactory.load()).resolve();
            default -> throw new IllegalArgumentException("unknown part " + args[0]);
        }
    }
}
