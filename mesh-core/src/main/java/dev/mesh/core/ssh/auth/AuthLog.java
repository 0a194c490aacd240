package dev.mesh.core.ssh.auth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What public-key authentication to one host tried, for the message when it fails: the agent's
 * state, each key offered (in order), and each key left out with the reason.
 */
public final class AuthLog {
    private volatile String agent = "no ssh-agent";
    private final List<String> offered = new CopyOnWriteArrayList<>();
    private final List<String> skipped = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;

    void agent(String state) {
        agent = state;
    }

    void offered(String key) {
        offered.add(key);
    }

    void skipped(String keyAndReason) {
        if (!skipped.contains(keyAndReason)) {
            skipped.add(keyAndReason);
        }
    }

    void failure(RuntimeException e) {
        failure = e;
    }

    /** e.g. "ssh-agent at /tmp/ssh-x/agent.1 (SSH_AUTH_SOCK): 2 keys" or "no ssh-agent (SSH_AUTH_SOCK is not set)". */
    public String agent() {
        return agent;
    }

    public List<String> offered() {
        return List.copyOf(offered);
    }

    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** A failure that ended authentication early (a wrong passphrase), if any. */
    public RuntimeException failure() {
        return failure;
    }
}
