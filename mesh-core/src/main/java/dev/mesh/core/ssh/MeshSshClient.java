package dev.mesh.core.ssh;

import java.io.IOException;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.common.AttributeRepository;

/**
 * MINA's client with mesh's ProxyJump chain: the hops come from {@link HostResolver}, resolved with
 * OpenSSH's semantics, instead of MINA's own parsing, which visits a comma-separated list in the
 * reverse order (apache/mina-sshd#318: "ProxyJump a,b" must reach a first, then b).
 */
final class MeshSshClient extends SshClient {
    @Override
    protected List<HostConfigEntry> parseProxyJumps(HostConfigEntry entry, AttributeRepository context)
            throws IOException {
        ConnectPlan plan = context == null ? null : context.getAttribute(ConnectPlan.KEY);
        return plan == null ? super.parseProxyJumps(entry, context) : plan.minaJumps();
    }
}
