package dev.mesh.core.ssh;

import dev.mesh.core.ssh.auth.AuthLog;
import dev.mesh.core.ssh.auth.PassphrasePrompts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * One connection attempt, carried in MINA's connect context so that every session it creates (the
 * ProxyJump hops, then the target) finds its {@link ResolvedHost}, the reason a host key was
 * refused, and what authentication tried. MINA creates those sessions strictly one after the other
 * (each hop forwards to the next once authenticated), so the n-th session created is the n-th host
 * of {@link #chain()}: no guessing from socket addresses, which behind a jump are local forwards.
 */
final class ConnectPlan {
    static final AttributeKey<ConnectPlan> KEY = new AttributeKey<>();
    private static final AttributeKey<ResolvedHost> HOST = new AttributeKey<>();

    private final ResolvedHost target;
    private final List<ResolvedHost> chain;
    private final SshInteraction interaction;
    private final PassphrasePrompts prompts;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicReference<SshConnectException> refusal = new AtomicReference<>();
    private final Map<ResolvedHost, AuthLog> logs = new ConcurrentHashMap<>();
    private volatile ResolvedHost authenticating;

    ConnectPlan(ResolvedHost target, SshInteraction interaction) {
        this.target = target;
        List<ResolvedHost> hosts = new ArrayList<>(target.jumps());
        hosts.add(target);
        this.chain = List.copyOf(hosts);
        this.interaction = interaction;
        this.prompts = new PassphrasePrompts(interaction);
    }

    /** The plan of the connect call that created {@code session}, or null (a session mesh did not plan). */
    static ConnectPlan of(Session session) {
        AttributeRepository context = session instanceof ClientSession c ? c.getConnectionContext() : null;
        return context == null ? null : context.getAttribute(KEY);
    }

    /** The hops, client side first, then the target. */
    List<ResolvedHost> chain() {
        return chain;
    }

    ResolvedHost target() {
        return target;
    }

    /** Called when MINA creates a session of this plan: binds it to the next host of the chain. */
    ResolvedHost attach(Session session) {
        ResolvedHost host = session.getAttribute(HOST);
        if (host == null) {
            int index = Math.min(created.getAndIncrement(), chain.size() - 1);
            host = chain.get(index);
            session.setAttribute(HOST, host);
        }
        return host;
    }

    /** The host {@code session} was created for. */
    ResolvedHost hostOf(Session session) {
        return attach(session);
    }

    /** MINA's jump list: nearest to the target first (its {@code doConnect} reaches each through the rest). */
    List<HostConfigEntry> minaJumps() {
        List<HostConfigEntry> jumps = new ArrayList<>();
        for (int i = chain.size() - 2; i >= 0; i--) {
            jumps.add(entry(chain.get(i)));
        }
        return jumps;
    }

    static HostConfigEntry entry(ResolvedHost host) {
        HostConfigEntry entry = new HostConfigEntry(host.alias(), host.hostName(), host.port(), host.user());
        entry.setIdentitiesOnly(true); // keys come from mesh's own authentication, never MINA's defaults
        return entry;
    }

    AtomicReference<SshConnectException> refusal() {
        return refusal;
    }

    SshInteraction interaction() {
        return interaction;
    }

    PassphrasePrompts prompts() {
        return prompts;
    }

    AuthLog log(ResolvedHost host) {
        return logs.computeIfAbsent(host, h -> new AuthLog());
    }

    /** Marks {@code host} as the one authenticating now, for the message if it fails. */
    void authenticating(ResolvedHost host) {
        authenticating = host;
    }

    /** {@code host} logged in: a later failure is not its authentication's. */
    void authenticated(ResolvedHost host) {
        if (authenticating == host) {
            authenticating = null;
        }
    }

    /** The host whose authentication started and did not succeed (a hop, when MINA's jump failed), or null. */
    ResolvedHost failedAuthentication() {
        return authenticating;
    }
}
