package dev.mesh.api;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Everything an {@link OsProvisioner} gets from mesh-core for one host. Methods added in later SPI
 * versions are default methods, so plugins built against this version keep working.
 */
public interface ProvisioningContext {

    /** The host being provisioned. */
    TargetHost host();

    /** The open SSH connection to it. */
    RemoteConnection connection();

    /** What OS detection found. */
    DetectedOs os();

    /** The Headscale server URL passed to {@code tailscale up --login-server}. */
    URI loginServer();

    /**
     * The pre-auth key minted for this run.
     *
     * @throws IllegalStateException when called before the key was generated (during inspection)
     */
    Secret authKey();

    /** The operator's choices. */
    ProvisioningOptions options();

    /** Timeouts for remote commands. */
    StepTimeouts timeouts();

    /** Where progress goes. */
    StepListener listener();

    /** This plugin's configuration subtree. */
    PluginConfig config();

    /**
     * Parses a JSON object, e.g. the output of {@code tailscale status --json}. Numbers come back as
     * {@link Number}, arrays as {@link java.util.List}, objects as {@link Map}.
     *
     * @throws IllegalArgumentException when {@code json} is not a JSON object
     */
    Map<String, Object> parseJsonObject(String json);

    /**
     * Mints an extra single-use, non-reusable key for this host, e.g. for a script the operator runs
     * by hand, so a key left on disk cannot join other machines and expires soon.
     *
     * @param expiration how long the key stays valid
     * @throws StepFailedException with {@link FailureReason#AUTH_KEY_FAILED} when Headscale refuses
     */
    default Secret mintSingleUseKey(Duration expiration) {
        throw new StepFailedException(FailureReason.AUTH_KEY_FAILED,
                "this version of mesh-core cannot mint extra keys for plugins");
    }
}
