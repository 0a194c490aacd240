package dev.mesh.core.ssh;

import dev.mesh.core.ssh.auth.HostIdentities;
import java.util.Iterator;
import java.util.List;
import org.apache.sshd.client.auth.pubkey.PublicKeyIdentity;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.signature.SignatureFactoriesManager;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * MINA's "publickey" authentication with the keys mesh chose for the session's host
 * ({@link HostIdentities}: agent, then files, in OpenSSH's order) instead of MINA's own order
 * (every agent key, then the client's key providers).
 */
final class MeshPublicKeyAuth extends UserAuthPublicKey {
    MeshPublicKeyAuth(List<NamedFactory<Signature>> factories) {
        super(factories);
    }

    @Override
    protected Iterator<PublicKeyIdentity> createPublicKeyIterator(ClientSession session,
                                                                  SignatureFactoriesManager manager) throws Exception {
        ConnectPlan plan = ConnectPlan.of(session);
        if (plan == null) {
            return super.createPublicKeyIterator(session, manager);
        }
        ResolvedHost host = plan.hostOf(session);
        plan.authenticating(host);
        return HostIdentities.prepare(host, session, manager, plan.prompts(), plan.log(host));
    }

    @Override
    public void signalAuthMethodSuccess(ClientSession session, String service, Buffer buffer) throws Exception {
        ConnectPlan plan = ConnectPlan.of(session);
        if (plan != null) {
            plan.authenticated(plan.hostOf(session));
        }
        super.signalAuthMethodSuccess(session, service, buffer);
    }

    /** The factory to install on the client. */
    static final class Factory extends UserAuthPublicKeyFactory {
        @Override
        public UserAuthPublicKey createUserAuth(ClientSession session) {
            return new MeshPublicKeyAuth(getSignatureFactories());
        }
    }
}
