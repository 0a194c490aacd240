package dev.mesh.core.ssh;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Optional;
import javax.crypto.KeyAgreement;
import net.i2p.crypto.eddsa.spec.EdDSANamedCurveTable;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Readies, on a thread of its own, what a run's first SSH connection needs before it can send a byte:
 * the JDK's security providers with X25519 and SHA-256 (the {@code curve25519-sha256} key exchange
 * MINA and OpenSSH agree on) and ECDSA, MINA's security registrars, net.i2p's ed25519 curve tables
 * (built on first use: about 25 ms of CPU) and MINA's client factories. Started by the CLI for the
 * commands that connect to hosts when the command comes first ({@code mesh remote provision …}), it
 * overlaps picocli, the settings and the plugins on the other core; on this project's 2-core machine a
 * one-host re-check took about 0.08 s longer without it (README "Start-up").
 *
 * <p>It opens no connection and reads none of the user's files or settings; it makes two throwaway
 * X25519 key pairs. {@link SshConnector}'s constructor waits for it to end ({@link #await}), and until
 * then mesh's own code on the starting thread initialises none of the classes it does (it parses
 * arguments, reads settings and loads plugins), so no class of those is initialised by two threads at
 * once, the condition for a class-initialisation deadlock. A failure is kept for tests
 * ({@link #failure}) and otherwise ignored: the connection does the same work again and reports its
 * own errors.
 */
public final class SshWarmup {
    /** The system property that, set to {@code false}, keeps the warm-up from starting. */
    public static final String OFF_PROPERTY = "mesh.ssh.warmup";
    private static Thread thread;
    private static volatile Throwable failure;
    private static volatile boolean completed;

    private SshWarmup() {
    }

    /**
     * Starts the warm-up, once per process; later calls do nothing, and so does the system property
     * {@value #OFF_PROPERTY}{@code =false} (for benchmarks: {@code MESH_JAVA_OPTS=-D…}).
     */
    public static synchronized void start() {
        if (thread == null && !"false".equals(System.getProperty(OFF_PROPERTY))) {
            thread = new Thread(SshWarmup::run, "mesh-warmup");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Waits until a started warm-up has ended; returns at once when none was started. An interrupt does
     * not cut the wait short (the warm-up is short and never blocks): it is kept for the caller.
     */
    static void await() {
        Thread t;
        synchronized (SshWarmup.class) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a warm-up ran to its end without a failure. */
    static boolean completed() {
        return completed;
    }

    /** What the warm-up threw, if it ran and failed. */
    static Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private static void run() {
        try {
            SecurityUtils.isEDDSACurveSupported();
            EdDSANamedCurveTable.getByName(EdDSANamedCurveTable.ED_25519);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
            KeyPair ours = generator.generateKeyPair();
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(ours.getPrivate());
            agreement.doPhase(generator.generateKeyPair().getPublic(), true);
            MessageDigest.getInstance("SHA-256").digest(agreement.generateSecret());
            Signature.getInstance("SHA256withECDSA");
            ClientBuilder.builder().factory(MeshSshClient::new).build().getCipherFactories();
            completed = true;
        } catch (Exception | LinkageError e) {
            failure = e;
        }
    }
}
