package dev.mesh.core.ssh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the host key algorithms whose keys known_hosts already holds for the session's host first in
 * the key-exchange proposal, as OpenSSH does. Without this MINA would prefer ECDSA even for a host
 * recorded with its ed25519 key and get a key that is not the recorded one (a change, refused)
 * although the host still has its ed25519 key.
 *
 * <p>Runs when the session is created, before it sends its first KEXINIT; that is also when the
 * session is bound to its host of the {@link ConnectPlan} (hops and target alike).
 */
final class KnownKeyTypesFirst implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(KnownKeyTypesFirst.class);

    @Override
    public void sessionCreated(Session session) {
        ConnectPlan plan = session instanceof ClientSession ? ConnectPlan.of(session) : null;
        if (plan == null) {
            return; // not opened by SshConnector: MINA's default order applies
        }
        ResolvedHost host = plan.attach(session);
        KnownHosts knownHosts = new KnownHosts(host.knownHosts(), host.globalKnownHosts());
        try {
            Set<String> known = KnownHostsVerifier.plain(knownHosts.find(host.hostName(), host.port())).stream()
                    .map(e -> KeyUtils.getKeyType(e.key()))
                    .collect(Collectors.toSet());
            if (!known.isEmpty()) {
                session.setSignatureFactories(preferring(known, session.getSignatureFactories()));
            }
        } catch (IOException e) {
            // The verifier reads the same files and refuses the host with the reason.
            LOG.debug("Cannot read {} to order host key algorithms: {}", knownHosts.describe(), e.toString());
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
