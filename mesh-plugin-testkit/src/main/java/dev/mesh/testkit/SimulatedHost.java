package dev.mesh.testkit;

import dev.mesh.api.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.sshd.server.Signal;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CopyOnWriteArrayList;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * Stands in for a remote machine reached over SSH (a Linux, Windows or macOS host that cannot run
 * here): an embedded Apache MINA SSHD server on 127.0.0.1 that answers exec channels from the
 * {@link ScriptedHost} table, with each command's standard input read to its end first, records
 * every command and SSH connection, and serves SFTP from the host's file system, recording what is
 * written. Public-key authentication only, with a key generated for {@link #user()}. A TERM or KILL
 * "signal" channel request ends the command as OpenSSH's sshd does (its process group is killed; here
 * the answer is abandoned and the command exits 128 + signal number) and is recorded in {@link #signals()}.
 */
public final class SimulatedHost extends ScriptedHost implements AutoCloseable {
    private final SshServer server;
    private final Path clientKey;
    /** The command that starts mesh's shared shell on a POSIX host ({@code SharedShell.posix()}). */
    private static final String SHARED_SHELL = dev.mesh.api.SharedShell.posix().shellCommand();

    private final String user;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> signals = new CopyOnWriteArrayList<>();
    private final List<String> channels = new CopyOnWriteArrayList<>();
    private final Set<PublicKey> acceptedKeys = new CopyOnWriteArraySet<>();

    private SimulatedHost(String user, Path workDir, Path hostKeyFile) throws IOException {
        super(workDir.resolve("fs"));
        this.user = user;
        this.clientKey = workDir.resolve("id_ecdsa");
        KeyPair clientPair;
        try (OutputStream out = Files.newOutputStream(clientKey)) {
            clientPair = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientPair, "simulated-host-test", null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        // private keys readable by others are refused, as by ssh
        Files.setPosixFilePermissions(clientKey, PosixFilePermissions.fromString("rw-------"));
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(hostKeys);
        acceptedKeys.add(clientPair.getPublic());
        server.setPublickeyAuthenticator((username, key, session) -> this.user.equals(username)
                && acceptedKeys.stream().anyMatch(known -> KeyUtils.compareKeys(known, key)));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new SimulatedCommand(command));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        sftp.addSftpEventListener(new UploadRecorder());
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(fsRoot()));
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
     * @param workDir     a fresh directory (e.g. JUnit's {@code @TempDir}) for keys and the file system
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
            host.acceptedKeys.addAll(old.acceptedKeys);
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses a session channel (exec, subsystem) while {@code max} are open on the connection, as
     * OpenSSH's sshd does with {@code MaxSessions} (sshd_config(5); default 10): the client's open fails.
     */
    public SimulatedHost maxSessions(int max) {
        org.apache.sshd.common.AttributeRepository.AttributeKey<AtomicInteger> open =
                new org.apache.sshd.common.AttributeRepository.AttributeKey<>();
        server.setChannelFactories(List.of(new org.apache.sshd.common.channel.ChannelFactory() {
            @Override
            public String getName() {
                return "session";
            }

            @Override
            public org.apache.sshd.common.channel.Channel createChannel(Session session) {
                AtomicInteger sessions = session.computeAttributeIfAbsent(open, k -> new AtomicInteger());
                if (sessions.incrementAndGet() > max) {
                    sessions.decrementAndGet();
                    return null; // MINA answers SSH_MSG_CHANNEL_OPEN_FAILURE
                }
                ChannelSession channel = new ChannelSession();
                channel.addCloseFutureListener(f -> sessions.decrementAndGet());
                return channel;
            }
        }));
        return this;
    }

    /** Also accepts {@code key} for {@link #user()} (e.g. an ed25519 key a test generated). */
    public SimulatedHost acceptKey(PublicKey key) {
        acceptedKeys.add(key);
        return this;
    }

    /** How many SSH connections (sessions) were opened to this host. */
    public int connectionCount() {
        return connections.get();
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

    /**
     * Records each file written over SFTP when its handle closes: path, content and mode. The
     * server's paths are in its rooted file system, so their text is the remote path. Never throws:
     * a recorder must not change what the client sees.
     */
    private final class UploadRecorder implements SftpEventListener {
        private final Map<String, String> written = new ConcurrentHashMap<>();

        @Override
        public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                            byte[] data, int dataOffset, int dataLen, Throwable thrown) {
            written.put(remoteHandle, localHandle.getFile().toString().replace('\\', '/'));
        }

        @Override
        public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
            String remote = written.remove(remoteHandle);
            if (remote == null || !exists(remote)) {
                return;
            }
            try {
                recordUpload(new Upload(remote, Files.readAllBytes(file(remote)), modeOrUnknown(remote)));
            } catch (IOException | RuntimeException e) {
                // not recorded; the file itself is still on the host for a test to look at
            }
        }

        private int modeOrUnknown(String remote) {
            try {
                return mode(remote);
            } catch (UncheckedIOException | UnsupportedOperationException e) {
                return -1;
            }
        }
    }

    /** "SIGNAL command" for every TERM or KILL signal request received, in order. */
    public List<String> signals() {
        return List.copyOf(signals);
    }

    /**
     * The command of every exec channel opened, in order: what cost the host an SSH session each.
     * {@link #commands()} also lists the probes answered in mesh's shared shell; this does not.
     */
    public List<String> channelCommands() {
        return List.copyOf(channels);
    }

    /** One exec channel: reads standard input to its end, then answers on its own thread. */

    private final class SimulatedCommand implements Command {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private volatile Thread worker;
        private final AtomicBoolean exited = new AtomicBoolean();

        SimulatedCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
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
            channels.add(command);
            worker = new Thread(this::run, "simulated-command");
            worker.setDaemon(true);
            env.addSignalListener((ch, signal) -> {
                signals.add(signal.name() + " " + command);
                worker.interrupt();
                exitOnce(128 + signal.getNumeric());
            }, Signal.TERM, Signal.KILL);
            worker.start();
        }

        private void exitOnce(int code) {
            if (exited.compareAndSet(false, true)) {
                exit.onExit(code);
            }
        }

        private void run() {
            int code;
            try {
                java.util.Optional<StreamResponder> stream = streamFor(command);
                if (stream.isPresent()) {
                    exitOnce(stream.get().respond(command, in, out, err));
                    return;
                }
                // mesh's shared shell: each probe answered from the table and recorded (a stream rule, above, may
                // stand in for the shell itself; a table rule cannot: it reads its input to the end first)
                if (command.equals(SHARED_SHELL)) {
                    exitOnce(SharedShellDouble.serve(new java.io.BufferedInputStream(in), out, err,
                            probe -> answer(new Call(probe, new byte[0], null))));
                    return;
                }
                CommandResult r = answer(new Call(command, readInput(), null));
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
        }

        /** mesh-core's client closes standard input after writing it, so this ends. */
        private byte[] readInput() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (in != null) {
                in.transferTo(bytes);
            }
            return bytes.toByteArray();
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }
}
