package dev.mesh.core.ssh;

import dev.mesh.api.TargetHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * mesh's SSH client: one MINA {@link SshClient} for the whole process, which opens one
 * {@link SshConnection} (one session, one TCP connection) per {@link #connect} call. Callers keep
 * one connection per host and run all of that host's commands on it.
 *
 * <p>Behaves like {@code ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new}: public-key
 * authentication only, no prompts, unknown host keys recorded, changed ones refused. The ssh config
 * file (Host, HostName, User, Port, IdentityFile, IdentitiesOnly, ProxyJump) is honoured when
 * {@link SshSettings#sshConfigFile()} names one. Not supported in this version: ssh-agent (MINA
 * needs native APR for it) and passphrase-protected keys.
 */
public final class SshConnector implements AutoCloseable {
    /** Keep-alive requests that may go unanswered before the connection counts as dead. */
    private static final int HEARTBEAT_MISSES = 3;

    private final SshSettings settings;
    private final HostConfigEntryResolver hostConfig;
    private final SshClient client;

    public SshConnector(SshSettings settings) {
        this.settings = settings;
        this.hostConfig = settings.sshConfigFile()
                .<HostConfigEntryResolver>map(ConfigFileHostEntryResolver::new)
                .orElse(HostConfigEntryResolver.EMPTY);
        client = SshClient.setUpDefaultClient();
        KnownHosts knownHosts = new KnownHosts(settings.knownHosts());
        client.setServerKeyVerifier(new KnownHostsVerifier(knownHosts));
        client.addSessionListener(new KnownKeyTypesFirst(knownHosts));
        client.setHostConfigEntryResolver(hostConfig);
        client.setFilePasswordProvider(Identities.NO_PASSPHRASES);
        // Jump hosts (ProxyJump) authenticate with these; the target gets an ordered list in connect().
        client.setKeyIdentityProvider(session -> Identities.load(List.of(), jumpHostKeyFiles(), session).keys());
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

    /**
     * Fills user and port from the ssh config (for an alias) or defaults when the caller gave none;
     * address stays as typed so MINA's resolver still applies HostName/IdentityFile/ProxyJump at
     * connect. Precedence: the caller's values, then the ssh config, then the local user name and 22.
     */
    public TargetHost resolve(String userOrNull, String hostOrAlias, Integer portOrNull) {
        return resolve(userOrNull, hostOrAlias, portOrNull, 22);
    }

    /** As {@link #resolve(String, String, Integer)}, with {@code defaultPort} when neither caller nor config gives one. */
    public TargetHost resolve(String userOrNull, String hostOrAlias, Integer portOrNull, int defaultPort) {
        HostConfigEntry entry = configEntry(hostOrAlias, portOrNull == null ? 0 : portOrNull, userOrNull);
        String user = userOrNull;
        if (user == null || user.isBlank()) {
            user = entry != null && entry.getUsername() != null && !entry.getUsername().isBlank()
                    ? entry.getUsername() : System.getProperty("user.name");
        }
        int port = portOrNull != null ? portOrNull : entry != null && entry.getPort() > 0 ? entry.getPort() : defaultPort;
        return new TargetHost(user, hostOrAlias, port);
    }

    /**
     * Connects and authenticates within {@link SshSettings#connectTimeout()}.
     *
     * @throws HostKeyChangedException when the host's key differs from the one in known_hosts
     * @throws SshConnectException     when the host is unreachable, refuses, is too slow, or rejects every key
     */
    public SshConnection connect(TargetHost host) {
        HostConfigEntry entry = effectiveEntry(host);
        String where = describe(host, entry);
        Identities.Loaded ids = Identities.load(settings.identityFiles(), optionalKeyFiles(entry), null);
        entry.setIdentities(List.of()); // loaded above, in OpenSSH's order
        Duration timeout = settings.connectTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<SshConnectException> refusal = new AtomicReference<>();
        AttributeRepository context = AttributeRepository.ofAttributesMap(Map.of(
                KnownKeyTypesFirst.TARGET, new SshdSocketAddress(entry.getHostName(), entry.getPort()),
                KnownHostsVerifier.REFUSAL, refusal));
        ClientSession session;
        try {
            session = client.connect(entry, context, null).verify(timeout, CancelOption.CANCEL_ON_TIMEOUT)
                    .getSession();
        } catch (IOException | RuntimeException e) {
            // e.g. a ProxyJump hop whose host key was refused
            throw orElse(refusal.get(), () -> ConnectFailure.connecting(where, timeout, e));
        }
        try {
            session.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(ids.keys()));
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            session.auth().verify(left, CancelOption.CANCEL_ON_TIMEOUT);
            return new SshConnection(host, session);
        } catch (IOException | RuntimeException e) {
            session.close(true);
            // The verifier filled the slot on the kex thread before that thread failed the auth future.
            throw orElse(refusal.get(),
                    () -> ConnectFailure.handshake(host.user() + "@" + host.address(), where, timeout, ids, e));
        }
    }

    private static SshConnectException orElse(SshConnectException refusal, Supplier<SshConnectException> other) {
        return refusal != null ? refusal : other.get();
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException e) {
            // closing is best effort: nothing useful can be done about it here
        }
    }

    /** The ssh config entry for {@code host}, with the caller's (already resolved) user and port on top. */
    private HostConfigEntry effectiveEntry(TargetHost host) {
        HostConfigEntry found = configEntry(host.address(), host.port(), host.user());
        HostConfigEntry entry = new HostConfigEntry(host.address(),
                found != null && found.getHostName() != null ? found.getHostName() : host.address(),
                host.port(), host.user(), found == null ? null : found.getProxyJump());
        if (found != null) {
            entry.setIdentities(found.getIdentities());
            entry.setIdentitiesOnly(found.isIdentitiesOnly());
        }
        return entry;
    }

    private HostConfigEntry configEntry(String host, int port, String user) {
        try {
            return hostConfig.resolveEffectiveHost(host, port, null, user, null, null);
        } catch (IOException e) {
            throw new SshConnectException("Cannot read ssh config " + settings.sshConfigFile().orElse(null) + ": "
                    + ConnectFailure.rootMessage(e), e);
        }
    }

    /** Config IdentityFile entries, then (unless IdentitiesOnly) the default ~/.ssh/id_* files. */
    private List<Path> optionalKeyFiles(HostConfigEntry entry) {
        List<Path> files = new ArrayList<>();
        Collection<String> fromConfig = entry.getIdentities();
        if (fromConfig != null) {
            fromConfig.forEach(f -> files.add(Path.of(f)));
        }
        if (settings.useDefaultIdentities() && !entry.isIdentitiesOnly()) {
            files.addAll(Identities.defaultFiles(SshSettings.userSshDir()));
        }
        return files;
    }

    private List<Path> jumpHostKeyFiles() {
        List<Path> files = new ArrayList<>(settings.identityFiles());
        if (settings.useDefaultIdentities()) {
            files.addAll(Identities.defaultFiles(SshSettings.userSshDir()));
        }
        return files;
    }

    private static String describe(TargetHost host, HostConfigEntry entry) {
        String where = entry.getHostName() + ":" + host.port();
        return entry.getHostName().equals(host.address()) ? where : where + " (" + host.address() + ")";
    }
}
