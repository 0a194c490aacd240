package dev.mesh.core.ssh.auth;

import dev.mesh.core.ssh.ResolvedHost;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.sshd.client.auth.pubkey.KeyAgentIdentity;
import org.apache.sshd.client.auth.pubkey.PublicKeyIdentity;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.signature.SignatureFactoriesManager;

/**
 * The keys offered to one host, in OpenSSH's order (sshconnect2.c {@code pubkey_prepare}): first
 * the agent's keys that are also identity files (matched by public key: the file's {@code .pub}
 * suffices), then the agent's other keys (not with IdentitiesOnly), then the identity files the
 * agent does not hold. A passphrase-protected file
 * is only offered when the agent does not hold it and a terminal can ask; otherwise it is left out
 * with the advice to {@code ssh-add} it. Closing releases the agent connection.
 */
public final class HostIdentities implements Iterator<PublicKeyIdentity>, Closeable {
    private final List<PublicKeyIdentity> keys;
    private final List<String> labels;
    private final AuthLog log;
    private final UnixSocketAgent agent;
    private int next;

    private HostIdentities(List<PublicKeyIdentity> keys, List<String> labels, AuthLog log, UnixSocketAgent agent) {
        this.keys = keys;
        this.labels = labels;
        this.log = log;
        this.agent = agent;
    }

    /** Reads the key files and asks the agent; records what is left out in {@code log}. */
    public static HostIdentities prepare(ResolvedHost host, ClientSession session, SignatureFactoriesManager factories,
                                         PassphrasePrompts prompts, AuthLog log) {
        List<KeyFile> files = new ArrayList<>();
        for (ResolvedHost.IdentityFile f : host.identityFiles()) {
            KeyFile.inspect(f.path(), f.source()).ifPresentOrElse(files::add, () -> {
                if (!f.source().equals("default")) {
                    log.skipped(display(f.path()) + " (" + f.source() + "): not found");
                }
            });
        }
        UnixSocketAgent agent = connectAgent(host.agent(), log);
        List<PublicKeyIdentity> keys = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<PublicKeyIdentity> otherAgentKeys = new ArrayList<>();
        List<String> otherLabels = new ArrayList<>();
        for (Map.Entry<PublicKey, String> id : agentKeys(agent, log)) {
            KeyFile file = files.stream().filter(k -> k.publicKey() != null && KeyUtils.compareKeys(k.publicKey(), id.getKey()))
                    .findFirst().orElse(null);
            KeyAgentIdentity identity = new KeyAgentIdentity(agent, id.getKey(), id.getValue());
            String label = KeyFile.describe(id.getKey()) + " from ssh-agent"
                    + (file != null ? " (" + label(file) + ")" : id.getValue().isBlank() ? "" : " (" + id.getValue() + ")");
            if (file != null) {
                files.remove(file);
                keys.add(identity);
                labels.add(label);
            } else if (!host.identitiesOnly()) {
                otherAgentKeys.add(identity);
                otherLabels.add(label);
            }
        }
        keys.addAll(otherAgentKeys);
        labels.addAll(otherLabels);
        for (KeyFile file : files) {
            if (!file.usable()) {
                log.skipped(label(file) + ": " + file.problem());
                continue;
            }
            if (file.encrypted() && !prompts.canAsk()) {
                log.skipped(label(file) + ": protected by a passphrase, and there is no terminal to ask for it;"
                        + " load it into ssh-agent first: ssh-add " + file.path());
                continue;
            }
            keys.add(new FileIdentity(file, factories, session, prompts, log));
            labels.add(label(file) + (file.publicKey() != null ? " " + KeyFile.describe(file.publicKey()) : ""));
        }
        return new HostIdentities(keys, labels, log, agent);
    }

    private static UnixSocketAgent connectAgent(ResolvedHost.Agent choice, AuthLog log) {
        if (choice.socket().isEmpty()) {
            log.agent("no ssh-agent (" + choice.source() + (choice.source().equals("SSH_AUTH_SOCK") ? " is not set)" : ")"));
            return null;
        }
        Path socket = choice.socket().get();
        try {
            return UnixSocketAgent.connect(socket);
        } catch (IOException | RuntimeException e) {
            log.agent("ssh-agent at " + socket + " (" + choice.source() + ") not reachable: " + KeyFile.message(e));
            return null;
        }
    }

    private static Iterable<? extends Map.Entry<PublicKey, String>> agentKeys(UnixSocketAgent agent, AuthLog log) {
        if (agent == null) {
            return List.of();
        }
        try {
            List<Map.Entry<PublicKey, String>> ids = new ArrayList<>();
            agent.getIdentities().forEach(ids::add);
            log.agent("ssh-agent at " + agent.socket() + ": " + ids.size() + (ids.size() == 1 ? " key" : " keys"));
            return ids;
        } catch (IOException | RuntimeException e) {
            log.agent("ssh-agent at " + agent.socket() + " did not list its keys: " + KeyFile.message(e));
            return List.of();
        }
    }

    private static String label(KeyFile file) {
        return display(file.path()) + " (" + file.source() + ")";
    }

    /** A path for messages, with the home directory shown as {@code ~}. */
    static String display(Path file) {
        String home = System.getProperty("user.home");
        String text = file.toString();
        return home != null && !home.isEmpty() && text.startsWith(home + "/") ? "~" + text.substring(home.length()) : text;
    }

    @Override
    public boolean hasNext() {
        return next < keys.size();
    }

    @Override
    public PublicKeyIdentity next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        log.offered(labels.get(next));
        return keys.get(next++);
    }

    @Override
    public void close() throws IOException {
        if (agent != null) {
            agent.close();
        }
    }
}
