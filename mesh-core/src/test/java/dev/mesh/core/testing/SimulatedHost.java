package dev.mesh.core.testing;

import dev.mesh.api.CommandResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * Stands in for a remote machine reached over SSH (a Linux, Windows or macOS host that cannot run
 * here): an embedded Apache MINA SSHD server on 127.0.0.1 that answers commands from a table of
 * command → answer, records every command and SSH connection, and serves SFTP from a temporary
 * directory so uploaded files (and their permission bits) can be inspected.
 *
 * <p>Answers are looked up newest first, so a test can override part of a default transcript.
 * Unmatched commands answer like a shell that lacks the program: exit 127. A TERM or KILL "signal"
 * channel request ends the command as OpenSSH's sshd does (its process group is killed; here the
 * answer is abandoned and the command exits 128 + signal number) and is recorded in {@link #signals()}.
 */
public final class SimulatedHost implements AutoCloseable {

    /** Computes the answer to one command; may change the host's state (e.g. after an install). */
    @FunctionalInterface
    public interface Responder {
        CommandResult respond(String command, SimulatedHost host) throws Exception;
    }

    private record Rule(Predicate<String> matcher, Responder responder) {
    }

    private final SshServer server;
    private final Path root;
    private final Path clientKey;
    private final String user;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> signals = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<PublicKey> acceptedKeys = new CopyOnWriteArraySet<>();

    private SimulatedHost(String user, Path workDir, Path hostKeyFile) throws IOException {
        this.user = user;
        this.root = Files.createDirectories(workDir.resolve("fs"));
        this.clientKey = workDir.resolve("id_ecdsa");
        KeyPair clientPair;
        try {
            clientPair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        try (OutputStream out = Files.newOutputStream(clientKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientPair, "simulated-host-test", null, out);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        // private keys readable by others are refused, as by ssh
        Files.setPosixFilePermissions(clientKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(server, true);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(hostKeys);
        acceptedKeys.add(clientPair.getPublic());
        server.setPublickeyAuthenticator((username, key, session) -> this.user.equals(username)
                && acceptedKeys.stream().anyMatch(known -> KeyUtils.compareKeys(known, key)));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new SimulatedCommand(command));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                connections.incrementAndGet();
            }
        });
    }

    /**
     * Starts a simulated host accepting {@code user} with the key at {@link #clientKey()}.
     *
     * @param workDir     a fresh directory (e.g. JUnit's {@code @TempDir}) for keys and the SFTP root
     * @param hostKeyFile where the host key lives; reuse a path to keep the key across restarts, use a
     *                    new one to simulate a reinstalled host
     */
    public static SimulatedHost start(String user, Path workDir, Path hostKeyFile) {
        try {
            SimulatedHost host = new SimulatedHost(user, workDir, hostKeyFile);
            host.server.start();
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same, with the host key kept in {@code workDir}. */
    public static SimulatedHost start(String user, Path workDir) {
        return start(user, workDir, workDir.resolve("host_key"));
    }

    /** Starts another server on the same port as {@code old} (closed first) with a new host key. */
    public static SimulatedHost restartWithNewHostKey(SimulatedHost old, Path workDir) {
        int port = old.port();
        old.close();
        try {
            SimulatedHost host = new SimulatedHost(old.user, workDir, workDir.resolve("new_host_key"));
            host.server.setPort(port);
            host.server.start();
            host.rules.addAll(old.rules);
            host.acceptedKeys.addAll(old.acceptedKeys);
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Also accepts {@code key} for {@link #user()} (e.g. an ed25519 key a test generated). */
    public SimulatedHost acceptKey(PublicKey key) {
        acceptedKeys.add(key);
        return this;
    }

    // ---- the transcript ------------------------------------------------------------------

    /** Answers commands matching {@code matcher} with {@code responder}; newer rules win. */
    public SimulatedHost on(Predicate<String> matcher, Responder responder) {
        rules.add(0, new Rule(matcher, responder));
        return this;
    }

    /** Answers exactly {@code command}. */
    public SimulatedHost onExact(String command, int exitCode, String stdout, String stderr) {
        return on(command::equals, (c, h) -> result(exitCode, stdout, stderr));
    }

    /** Answers exactly {@code command} with exit 0 and {@code stdout}. */
    public SimulatedHost onExact(String command, String stdout) {
        return onExact(command, 0, stdout, "");
    }

    /** Answers commands containing {@code fragment}. */
    public SimulatedHost onContains(String fragment, Responder responder) {
        return on(c -> c.contains(fragment), responder);
    }

    /** Answers commands matching {@code regex} anywhere. */
    public SimulatedHost onRegex(String regex, Responder responder) {
        Pattern pattern = Pattern.compile(regex);
        return on(c -> pattern.matcher(c).find(), responder);
    }

    /** Convenience for responders. */
    public static CommandResult result(int exitCode, String stdout, String stderr) {
        return new CommandResult(exitCode, stdout, stderr, false);
    }

    /** Convenience for responders: exit 0 with {@code stdout}. */
    public static CommandResult ok(String stdout) {
        return result(0, stdout, "");
    }

    // ---- what happened ---------------------------------------------------------------------

    /** Every command received, in order. */
    /** "SIGNAL command" for every TERM or KILL signal request received, in order. */
    public List<String> signals() {
        return List.copyOf(signals);
    }

    public List<String> commands() {
        return new ArrayList<>(commands);
    }

    /** How many SSH connections (sessions) were opened to this host. */
    public int connectionCount() {
        return connections.get();
    }

    /** The host's file system as seen through SFTP: remote {@code /tmp/x} is {@code fsRoot()/tmp/x}. */
    public Path fsRoot() {
        return root;
    }

    /** The local path of a remote absolute path. */
    public Path file(String remotePath) {
        return root.resolve(remotePath.replaceFirst("^/+", ""));
    }

    public String user() {
        return user;
    }

    public String address() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getPort();
    }

    /** The private key (OpenSSH format, unencrypted) the host accepts for {@link #user()}. */
    public Path clientKey() {
        return clientKey;
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CommandResult answer(String command) throws Exception {
        for (Rule rule : rules) {
            if (rule.matcher().test(command)) {
                return rule.responder().respond(command, this);
            }
        }
        return result(127, "", "sh: 1: " + command.split(" ", 2)[0] + ": not found\n");
    }

    /** One exec channel: records the command, computes the answer on its own thread. */
    private final class SimulatedCommand implements Command {
        private final String command;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Thread worker;
        private final java.util.concurrent.atomic.AtomicBoolean exited = new java.util.concurrent.atomic.AtomicBoolean();

        SimulatedCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            commands.add(command);
            worker = new Thread(() -> {
                int code;
                try {
                    CommandResult r = answer(command);
                    out.write(r.stdout().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    err.write(r.stderr().getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    code = r.exitCode();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    code = 255;
                }
                exitOnce(code);
            }, "simulated-command");
            worker.setDaemon(true);
            env.addSignalListener((ch, signal) -> {
                signals.add(signal.name() + " " + command);
                worker.interrupt();
                exitOnce(128 + signal.getNumeric());
            }, org.apache.sshd.server.Signal.TERM, org.apache.sshd.server.Signal.KILL);
            worker.start();
        }

        private void exitOnce(int code) {
            if (exited.compareAndSet(false, true)) {
                exit.onExit(code);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }
}
