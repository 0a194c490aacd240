package dev.mesh.core.ssh;

import dev.mesh.api.TargetHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.future.Cancellable;
import org.apache.sshd.common.future.SshFuture;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * mesh's SSH client: one MINA {@link SshClient} for the whole process, which opens one
 * {@link SshConnection} (one session, one TCP connection) per {@link #connect} call. Callers keep
 * one connection per host and run all of that host's commands on it.
 *
 * <p>Behaves like {@code ssh -o BatchMode=yes}: the ssh config read as {@code ssh -G} reads it
 * ({@link HostResolver}), public-key authentication in OpenSSH's order from ssh-agent and identity
 * files ({@link MeshPublicKeyAuth}), passphrases asked only through {@link SshInteraction}, host
 * keys checked against known_hosts per host ({@link KnownHostsVerifier}), ProxyJump with OpenSSH's
 * hop order ({@link MeshSshClient}).
 */
public final class SshConnector implements AutoCloseable {
    /** Keep-alive requests that may go unanswered before the connection counts as dead. */
    private static final int HEARTBEAT_MISSES = 3;
    /** How often waits look at the clock (and at passphrase questions, which stop it). */
    private static final long WAIT_SLICE_MS = 100;

    private final SshSettings settings;
    private final SshInteraction interaction;
    private final HostResolver resolver;
    private final SshClient client;
    private final Map<TargetHost, ResolvedHost> resolved = new ConcurrentHashMap<>();
    private volatile CommandObserver observer = CommandObserver.NONE;

    public SshConnector(SshSettings settings) {
        this(settings, SshInteraction.NONE);
    }

    /**
     * @param interaction where host key events and warnings go, and passphrases come from
     * @throws dev.mesh.core.input.InvalidInputException when an identity file given with -i or
     *         mesh.ssh.identity is missing, unreadable or open to others
     */
    public SshConnector(SshSettings settings, SshInteraction interaction) {
        SshWarmup.await();
        this.settings = settings;
        this.interaction = interaction;
        settings.identityFiles().forEach(f -> IdentityCheck.require(f, "-i"));
        settings.mesh().identity().ifPresent(f -> IdentityCheck.require(f, "mesh.ssh.identity"));
        this.resolver = new HostResolver(settings);
        client = ClientBuilder.builder().factory(MeshSshClient::new).build();
        client.setServerKeyVerifier(new KnownHostsVerifier(new KnownHosts(settings.knownHosts())));
        client.addSessionListener(new KnownKeyTypesFirst());
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setUserAuthFactories(List.of(new MeshPublicKeyAuth.Factory()));
        CoreModuleProperties.PREFERRED_AUTHS.set(client, "publickey");
        // Many short request/response exchanges on one session: without TCP_NODELAY, Nagle plus
        // delayed ACKs add tens of milliseconds to every command.
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        if (!settings.heartbeatInterval().isZero()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, settings.heartbeatInterval());
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, HEARTBEAT_MISSES);
        }
        client.start();
    }

    public SshSettings settings() {
        return settings;
    }

    /** Who hears about every command and upload of the connections opened from now on ({@code mesh -v}). */
    public void observe(CommandObserver observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
    }

    /**
     * The host to connect to, with user and port decided by the one precedence of
     * {@link HostResolver} (command line, ssh config, {@code mesh.ssh.*}, defaults). The address
     * stays as typed: {@link #connect} applies HostName, identities, ProxyJump and known_hosts.
     * Directives of the ssh config that mesh ignores for this host are reported as warnings.
     *
     * @param userOrNull the user given on the command line
     * @param portOrNull the port given on the command line
     * @throws dev.mesh.core.input.InvalidInputException when the ssh config cannot be used (exit 2)
     */
    public TargetHost resolve(String userOrNull, String hostOrAlias, Integer portOrNull) {
        return resolve(userOrNull, hostOrAlias, portOrNull, List.of());
    }

    /**
     * As {@link #resolve(String, String, Integer)}, with private keys of this host alone, tried after
     * {@code -i} and before the ssh config's IdentityFile: an inventory host's {@code identity}. Each
     * connection gets its own keys from one client, so a fleet run with a key per host needs no
     * second client. Two hosts with the same user, address and port share one resolution.
     *
     * @param identities private key files for this host, checked like {@code -i} before any connection
     * @throws dev.mesh.core.input.InvalidInputException when one is missing, unreadable or open to others
     */
    public TargetHost resolve(String userOrNull, String hostOrAlias, Integer portOrNull, List<Path> identities) {
        identities.forEach(f -> IdentityCheck.require(f, "identity of " + hostOrAlias));
        List<Path> keys = new ArrayList<>(settings.identityFiles());
        identities.stream().filter(f -> !keys.contains(f)).forEach(keys::add);
        ResolvedHost host = resolver.resolve(userOrNull, hostOrAlias, portOrNull, keys);
        host.warnings().forEach(interaction::warning);
        TargetHost target = new TargetHost(host.user(), hostOrAlias, host.port());
        resolved.put(target, host);
        return target;
    }

    /** The full resolution behind a {@link TargetHost} (resolved now if {@link #resolve} did not). */
    public ResolvedHost resolved(TargetHost host) {
        return resolved.computeIfAbsent(host, t -> resolver.resolve(t.user(), t.address(), t.port()));
    }

    /**
     * Connects (through the ProxyJump hops, if any) and authenticates within the host's connect
     * timeout; time spent answering a passphrase question does not count.
     *
     * @throws HostKeyChangedException when the host's key differs from the ones in known_hosts
     * @throws SshConnectException     when the host is unreachable, refuses, is too slow, or rejects every
     *                                 key; {@link SshConnectException#kind()} says which
     */
    public SshConnection connect(TargetHost host) {
        ResolvedHost target = resolved(host);
        ConnectPlan plan = new ConnectPlan(target, interaction);
        String where = describe(target, host);
        Duration timeout = target.connectTimeout();
        long start = System.nanoTime();
        ClientSession session;
        try {
            ConnectFuture future = client.connect(ConnectPlan.entry(target),
                    AttributeRepository.ofKeyValuePair(ConnectPlan.KEY, plan), null);
            await(future, start, timeout, plan);
            session = future.verify(1).getSession(); // rethrows the failure, if any
        } catch (IOException | RuntimeException | TimeoutException e) {
            // e.g. a ProxyJump hop whose host key was refused, or whose login failed
            ResolvedHost hop = plan.failedAuthentication();
            throw failed(plan, hop != null && !(e instanceof TimeoutException)
                    ? ConnectFailure.handshake(hop, hop.display() + " (ProxyJump)", timeout, plan.log(hop), e)
                    : ConnectFailure.connecting(where, timeout, e));
        }
        try {
            AuthFuture auth = session.auth();
            await(auth, start, timeout, plan);
            auth.verify(1); // rethrows the authentication failure, if any
            return new SshConnection(host, session, observer);
        } catch (IOException | RuntimeException | TimeoutException e) {
            session.close(true);
            throw failed(plan, ConnectFailure.handshake(target, where, timeout, plan.log(target), e));
        }
    }

    /** The refusal the verifier recorded (it is what made the handshake fail), else {@code other}; with its hint. */
    private SshConnectException failed(ConnectPlan plan, SshConnectException other) {
        SshConnectException refusal = plan.refusal().get();
        SshConnectException failure = refusal != null ? refusal : other;
        return failure.withHint(SshHints.hint(failure, plan.target(), settings));
    }

    /**
     * Waits for {@code future} until {@code timeout} after {@code start}, not counting the time a
     * passphrase question was open; cancels it when the time is up.
     *
     * @throws TimeoutException when the time is up
     */
    private static void await(SshFuture<?> future, long start, Duration timeout, ConnectPlan plan)
            throws IOException, TimeoutException {
        while (!future.isDone()) {
            future.await(WAIT_SLICE_MS);
            long elapsed = System.nanoTime() - start - plan.prompts().pausedNanos();
            if (!future.isDone() && !plan.prompts().asking() && elapsed > timeout.toNanos()) {
                if (future instanceof Cancellable c) {
                    c.cancel();
                }
                throw new TimeoutException("timed out after " + timeout);
            }
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException e) {
            // closing is best effort: nothing useful can be done about it here
        }
    }

    /** {@code host:port} ({@code [v6]:port}), with the alias when it differs. */
    private static String describe(ResolvedHost target, TargetHost host) {
        String name = target.hostName().contains(":") ? "[" + target.hostName() + "]" : target.hostName();
        String where = name + ":" + target.port();
        return target.hostName().equals(host.address()) ? where : where + " (" + host.address() + ")";
    }
}
