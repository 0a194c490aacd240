package dev.mesh.core.ssh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the host key algorithms whose keys known_hosts already holds for the target first in the
 * key-exchange proposal, as OpenSSH does. Without this MINA would prefer ECDSA even for a host
 * recorded with its ed25519 key, see an "unknown" key type, record it, and never notice that the
 * ed25519 key changed.
 *
 * <p>Runs when the session is created, before it sends its first KEXINIT. The target is passed in
 * the connect context under {@link #TARGET}, because the session learns its address only later.
 */
final class KnownKeyTypesFirst implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(KnownKeyTypesFirst.class);

    /** host name (as in known_hosts) and port of the session being created. */
    static final AttributeKey<SshdSocketAddress> TARGET = new AttributeKey<>();

    private final KnownHosts knownHosts;

    KnownKeyTypesFirst(KnownHosts knownHosts) {
        this.knownHosts = knownHosts;
    }

    @Override
    public void sessionCreated(Session session) {
        if (!(session instanceof ClientSession client) || client.getConnectionContext() == null) {
            return;
        }
        SshdSocketAddress target = client.getConnectionContext().getAttribute(TARGET);
        if (target == null) {
            return; // e.g. a ProxyJump hop: MINA's default order applies
        }
        try {
            Set<String> known = knownHosts.find(target.getHostName(), target.getPort()).stream()
                    .filter(e -> e.marker() == null)
                    .map(KnownHosts.Entry::key)
                    .map(KeyUtils::getKeyType)
                    .collect(Collectors.toSet());
            if (!known.isEmpty()) {
                session.setSignatureFactories(preferring(known, session.getSignatureFactories()));
            }
        } catch (IOException e) {
            // The verifier reads the same file and refuses the host with the reason.
            LOG.debug("Cannot read {} to order host key algorithms: {}", knownHosts.file(), e.toString());
        }
    }

    /** {@code factories} with those for the {@code keyTypes} first, otherwise in their order. */
    static List<NamedFactory<Signature>> preferring(Set<String> keyTypes, List<NamedFactory<Signature>> factories) {
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (NamedFactory<Signature> f : factories) {
            (keyTypes.contains(KeyUtils.getCanonicalKeyType(f.getName())) ? first : rest).add(f);
        }
        first.addAll(rest);
        return first;
    }
}
