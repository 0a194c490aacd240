package dev.mesh.core.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
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
 * Host key checking like OpenSSH's {@code StrictHostKeyChecking=accept-new}: a known key is
 * accepted; a host with no entry at all in known_hosts is new, recorded and accepted; a host that
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
     * Connect-context slot for why this verifier refused a host key; the first refusal wins. A
     * ProxyJump hop shares its target's context, so a refused jump host lands here too.
     */
    static final AttributeKey<AtomicReference<SshConnectException>> REFUSAL = new AttributeKey<>();

    /** What known_hosts says about a presented key. */
    enum Verdict { KNOWN, NEW, CHANGED, REVOKED }

    private final KnownHosts knownHosts;

    KnownHostsVerifier(KnownHosts knownHosts) {
        this.knownHosts = knownHosts;
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
        SshdSocketAddress target = hostAsConnected(session, remoteAddress);
        String host = target.getHostName();
        int port = target.getPort();
        String pattern = KnownHosts.hostPattern(host, port);
        try {
            List<KnownHosts.Entry> entries = knownHosts.find(host, port);
            switch (verdict(entries, serverKey)) {
                case KNOWN:
                    return true;
                case REVOKED:
                    return refuse(session, new SshConnectException("Host key of " + pattern + " is marked @revoked"
                            + " in known_hosts; refusing to connect"));
                case CHANGED:
                    return refuse(session, new HostKeyChangedException(pattern, plain(entries),
                            KeyUtils.getKeyType(serverKey), KeyUtils.getFingerPrint(serverKey)));
                default:
                    break;
            }
            if (port != 22 && verdict(knownHosts.find(host, 22), serverKey) == Verdict.KNOWN) {
                return true; // as ssh does: a new [host]:port whose key is recorded for the bare host name
            }
            knownHosts.append(host, port, serverKey, false);
            LOG.info("Permanently added {} key {} for {} to {}", KeyUtils.getKeyType(serverKey),
                    KeyUtils.getFingerPrint(serverKey), pattern, knownHosts.file());
            return true;
        } catch (IOException | RuntimeException e) {
            return refuse(session, new SshConnectException("Cannot check the host key of " + pattern + " against "
                    + knownHosts.file() + ": " + e.getMessage(), e));
        }
    }

    private static boolean refuse(ClientSession session, SshConnectException reason) {
        AttributeRepository context = session.getConnectionContext();
        AtomicReference<SshConnectException> slot = context == null ? null : context.getAttribute(REFUSAL);
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
