package dev.mesh.core.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
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
 * accepted, a host (or key type) never seen before is recorded in known_hosts and accepted, and a
 * key that differs from the recorded key of the same type is refused.
 *
 * <p>MINA can only answer yes or no here, so the reason for a refusal goes into the slot that the
 * caller put in the connect context under {@link #REFUSAL}; {@link SshConnector} throws it once the
 * handshake has failed. Not a session attribute: MINA closes the session right after a refusal and
 * clears its attributes when the close completes, which can happen before the caller looks.
 */
final class AcceptNewHostKeyVerifier implements ServerKeyVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptNewHostKeyVerifier.class);

    /**
     * Connect-context slot for why this verifier refused a host key; the first refusal wins. A
     * ProxyJump hop shares its target's context, so a refused jump host lands here too.
     */
    static final AttributeKey<AtomicReference<SshConnectException>> REFUSAL = new AttributeKey<>();

    private final KnownHosts knownHosts;

    AcceptNewHostKeyVerifier(KnownHosts knownHosts) {
        this.knownHosts = knownHosts;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        SshdSocketAddress target = hostAsConnected(session, remoteAddress);
        String host = target.getHostName();
        int port = target.getPort();
        String pattern = KnownHosts.hostPattern(host, port);
        String type = KeyUtils.getKeyType(serverKey);
        try {
            List<KnownHosts.Entry> entries = knownHosts.find(host, port);
            for (KnownHosts.Entry e : entries) {
                if ("revoked".equals(e.marker()) && KeyUtils.compareKeys(e.key(), serverKey)) {
                    return refuse(session, new SshConnectException("Host key of " + pattern + " is marked @revoked at "
                            + knownHosts.file() + ":" + e.line() + "; refusing to connect"));
                }
            }
            List<KnownHosts.Entry> plain = entries.stream().filter(e -> e.marker() == null).toList();
            if (plain.stream().anyMatch(e -> KeyUtils.compareKeys(e.key(), serverKey))) {
                return true;
            }
            Optional<KnownHosts.Entry> sameType = plain.stream()
                    .filter(e -> type.equals(KeyUtils.getKeyType(e.key()))).findFirst();
            if (sameType.isPresent()) {
                return refuse(session, new HostKeyChangedException(pattern, knownHosts.file(), sameType.get().line(),
                        type, KeyUtils.getFingerPrint(serverKey)));
            }
            knownHosts.append(host, port, serverKey);
            LOG.info("Permanently added {} key {} for {} to {}", type, KeyUtils.getFingerPrint(serverKey), pattern,
                    knownHosts.file());
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
    private static SshdSocketAddress hostAsConnected(ClientSession session, SocketAddress remoteAddress) {
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
