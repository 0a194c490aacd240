package dev.mesh.api;

import dev.mesh.api.tailscale.TailscalePreferences;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an {@link OsProvisioner} gets from mesh-core for one host, in one run. Methods added in
 * later SPI minor versions are default methods, so plugins built against this version keep working
 * (as Trino's {@code ConnectorContext}).
 */
public interface ProvisioningContext {

    /** The host being provisioned. */
    TargetHost host();

    /** The open SSH connection to it: one per host and run. */
    RemoteConnection connection();

    /** What OS detection found. */
    DetectedOs os();

    /** The Headscale server URL passed to {@code tailscale up --login-server}. */
    URI loginServer();

    /**
     * The pre-auth key minted for this run. Hand it to {@code tailscale up} on standard input
     * ({@link dev.mesh.api.tailscale.Tailscale#connect}); never in a command line or a file.
     *
     * @throws IllegalStateException before KEY_GENERATING (PREFLIGHT, PREPARING, a joined host)
     */
    Secret authKey();

    /**
     * The version of the Headscale server this run's keys come from (e.g. {@code 0.26.1}), as the key
     * source reports it ({@code headscale version}, REST {@code GET /version}); empty when unknown
     * (Headscale 0.23–0.26 over REST has no version endpoint; an unreachable server). Asked at most
     * once per run. Since SPI 2.1.
     */
    default Optional<String> headscaleVersion() {
        return Optional.empty();
    }

    /** The Tailscale preferences this run wants; each unset one is left as Tailscale has it. */
    TailscalePreferences preferences();

    /** The operator's choices. */
    ProvisioningOptions options();

    /** Timeouts for remote commands. */
    StepTimeouts timeouts();

    /** Where progress goes. */
    StepListener listener();

    /**
     * The settings object this plugin's {@link OsProvisioner#validate} returned at start.
     *
     * @throws IllegalStateException when validate returned something that is not a {@code type}
     */
    <T> T settings(Class<T> type);

    /** State the plugin keeps for this host during this run (instead of static fields). */
    HostStore store();

    /**
     * Parses a JSON object, e.g. the output of {@code tailscale status --json}, bounded in size and
     * depth. Numbers come back as {@link Number}, arrays as {@link java.util.List}, objects as {@link Map}.
     *
     * @throws IllegalArgumentException when {@code json} is not one JSON object within the bounds; the
     *                                  message quotes no input
     */
    Map<String, Object> parseJsonObject(String json);

    /** {@code text} with every secret of this run (keys, the sudo password) replaced by {@code ****}. */
    String redact(String text);

    /**
     * Mints an extra single-use, non-reusable key for this host, e.g. for a script the operator runs
     * by hand, so a key left on disk cannot join other machines and expires soon.
     *
     * @param expiration how long the key stays valid
     * @throws StepFailedException with {@link FailureReason#AUTH_KEY_FAILED} when Headscale refuses
     */
    Secret mintSingleUseKey(Duration expiration);

    /**
     * Registers something this step put on the host that must not outlive the run (an uploaded
     * installer, a script): mesh runs {@code removeCommand} (for the host's login shell, idempotent:
     * removing what is already gone succeeds) when the current state ends, however it ends: also
     * after Ctrl-C, when the step itself can no longer run commands. A failed removal is reported as a
     * warning naming {@code what}. Never for keys: those never go into a file. Since SPI 2.1; contexts
     * that do not clean up ignore it.
     *
     * @param what          for the warning, e.g. {@code the uploaded installer /tmp/mesh-tailscale-….deb}
     * @param removeCommand e.g. {@code rm -f '/tmp/mesh-tailscale-….deb'}
     */
    default void registerCleanup(String what, String removeCommand) {
    }
}
