package dev.mesh.core.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSessionCreator;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host key checking like OpenSSH's {@code StrictHostKeyChecking=accept-new} (or {@code yes}, per
 * host from the ssh config): a known key is accepted; a host with no entry at all in known_hosts is
 * new, recorded (and reported through {@link SshInteraction#hostKeyRecorded}) and accepted, or
 * refused under {@code yes}; a host that
 * known_hosts knows under any key (of any type) and that presents none of them has CHANGED and is
 * refused, as OpenSSH's {@code check_hostkeys_by_key_or_type} decides (hostfile.c: any non-matching
 * entry makes the host {@code HOST_CHANGED}).
 *
 * <p>MINA can only answer yes or no here, so the reason for a refusal goes into the slot that the
 * caller put in the connect context under {@link #REFUSAL}; {@link SshConnector} throws it once the
 * handshake has failed. Not a session attribute: MINA closes the session right after a refusal and
 * clears its attributes when the close completes, which can happen before the caller looks.
 */
final class KnownHostsVerifier implements ServerKeyVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsVerifier.class);

    /**
     * Connect-context slot for why this verifier refused a host key, for sessions without a
     * {@link ConnectPlan} (which has its own slot); the first refusal wins.
     */
    static final AttributeKey<AtomicReference<SshConnectException>> REFUSAL = new AttributeKey<>();

    /** What known_hosts says about a presented key. */
    enum Verdict { KNOWN, NEW, CHANGED, REVOKED }

    private final KnownHosts fallback;

    /** @param fallback the known_hosts for sessions not opened through {@link SshConnector} */
    KnownHostsVerifier(KnownHosts fallback) {
        this.fallback = fallback;
    }

    /**
     * OpenSSH's decision for {@code key} given every entry recorded for the host: revoked wins,
     * then a matching key is known, then any other plain entry means the key changed; only a host
     * without plain entries is new. {@code @cert-authority} lines do not make a host known for a
     * plain key (OpenSSH looks at them only for host certificates).
     */
    static Verdict verdict(List<KnownHosts.Entry> entries, PublicKey key) {
        if (entries.stream().anyMatch(e -> "revoked".equals(e.marker()) && KeyUtils.compareKeys(e.key(), key))) {
            return Verdict.REVOKED;
        }
        List<KnownHosts.Entry> plain = plain(entries);
        if (plain.stream().anyMatch(e -> KeyUtils.compareKeys(e.key(), key))) {
            return Verdict.KNOWN;
        }
        return plain.isEmpty() ? Verdict.NEW : Verdict.CHANGED;
    }

    static List<KnownHosts.Entry> plain(List<KnownHosts.Entry> entries) {
        return entries.stream().filter(e -> e.marker() == null).toList();
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        ConnectPlan plan = ConnectPlan.of(session);
        if (plan == null) { // not opened by SshConnector: the file given here, accept-new
            SshdSocketAddress target = hostAsConnected(session, remoteAddress);
            return verify(session, target.getHostName(), target.getPort(), serverKey, fallback, false, false,
                    SshInteraction.NONE);
        }
        ResolvedHost host = plan.hostOf(session);
        return verify(session, host.hostName(), host.port(), serverKey,
                new KnownHosts(host.knownHosts(), host.globalKnownHosts()), host.strict(), host.hashKnownHosts(),
                plan.interaction());
    }

    /**
     * Checks and records under one process-wide lock: the hosts of a fleet run connect in parallel,
     * and two of them finding the file missing, or the same new host twice, must not race
     * (creating the file twice failed the second host; the same key could be appended twice).
     */
    private static boolean verify(ClientSession session, String host, int port, PublicKey serverKey,
                                  KnownHosts knownHosts, boolean strict, boolean hash, SshInteraction interaction) {
        synchronized (KnownHosts.class) {
            return verifyLocked(session, host, port, serverKey, knownHosts, strict, hash, interaction);
        }
    }

    private static boolean verifyLocked(ClientSession session, String host, int port, PublicKey serverKey,
                                        KnownHosts knownHosts, boolean strict, boolean hash,
                                        SshInteraction interaction) {
        String pattern = KnownHosts.hostPattern(host, port);
        String type = KeyUtils.getKeyType(serverKey);
        String fingerprint = KeyUtils.getFingerPrint(serverKey);
        try {
            List<KnownHosts.Entry> entries = knownHosts.find(host, port);
            switch (verdict(entries, serverKey)) {
                case KNOWN:
                    return true;
                case REVOKED:
                    return refuse(session, new SshConnectException(SshConnectException.Kind.HOST_KEY_REVOKED,
                            "Host key of " + pattern + " (" + type + " " + fingerprint + ") is marked @revoked in "
                                    + knownHosts.describe() + "; refusing to connect"));
                case CHANGED:
                    return refuse(session, new HostKeyChangedException(pattern, plain(entries), type, fingerprint));
                default:
                    break;
            }
            if (port != 22 && verdict(knownHosts.find(host, 22), serverKey) == Verdict.KNOWN) {
                return true; // as ssh does: a new [host]:port whose key is recorded for the bare host name
            }
            if (strict) {
                return refuse(session, new SshConnectException(SshConnectException.Kind.HOST_KEY_UNKNOWN,
                        "No host key is known for " + pattern + " in " + knownHosts.describe()
                                + " and StrictHostKeyChecking asks for a known one; it presents " + type + " key "
                                + fingerprint));
            }
            knownHosts.append(host, port, serverKey, hash);
            Path file = knownHosts.file().orElseThrow();
            LOG.info("Permanently added {} key {} for {} to {}", type, fingerprint, pattern, file);
            interaction.hostKeyRecorded(new SshInteraction.RecordedHostKey(pattern, type, fingerprint, file));
            return true;
        } catch (IOException | RuntimeException e) {
            return refuse(session, new SshConnectException("Cannot check the host key of " + pattern + " against "
                    + knownHosts.describe() + ": " + e.getMessage(), e));
        }
    }

    private static boolean refuse(ClientSession session, SshConnectException reason) {
        AttributeRepository context = session.getConnectionContext();
        ConnectPlan plan = ConnectPlan.of(session);
        AtomicReference<SshConnectException> slot = plan != null ? plan.refusal()
                : context == null ? null : context.getAttribute(REFUSAL);
        if (slot != null) {
            slot.compareAndSet(null, reason);
        } else {
            LOG.warn("Refused the host key of {}: {}", session.getConnectAddress(), reason.getMessage());
        }
        return false;
    }

    /**
     * The host name and port as the user asked for them (after ssh-config HostName), not the IP.
     * Behind a ProxyJump the session is connected to a local forward; MINA then names the real
     * target in {@link ClientSessionCreator#TARGET_SERVER}.
     */
    static SshdSocketAddress hostAsConnected(ClientSession session, SocketAddress remoteAddress) {
        SshdSocketAddress throughJump = session.getAttribute(ClientSessionCreator.TARGET_SERVER);
        if (throughJump != null) {
            return throughJump;
        }
        SocketAddress address = session.getConnectAddress() != null ? session.getConnectAddress() : remoteAddress;
        if (address instanceof SshdSocketAddress sshd) {
            return sshd;
        }
        if (address instanceof InetSocketAddress inet) {
            return new SshdSocketAddress(inet.getHostString(), inet.getPort());
        }
        throw new IllegalStateException("Unsupported address " + address);
    }
}
