package dev.mesh.api;

import dev.mesh.api.syncthing.SyncthingRequest;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.api.syncthing.SyncthingRest;

/**
 * Capability (plugin SPI 2.1): talking to the Syncthing that the SSH login user runs on this host, for
 * {@code mesh syncthing pair|unpair|status} and {@code mesh remote provision --pair-syncthing}.
 * mesh-core speaks Syncthing's REST API (device ids, devices, folders, connections: the JSON of
 * {@code /rest/system/status}, {@code /rest/config/devices}, {@code /rest/config/folders}, ...); the
 * plugin only says how one request reaches that API on its OS, as {@link dev.mesh.api.tailscale.TailscaleCli}
 * says how the Tailscale CLI runs. The host's tailnet address comes from {@link OsProvisioner#verify}.
 *
 * <p>The rule every implementation keeps: the API key is read on the host, from Syncthing's own
 * {@code config.xml}, by the command that makes the request, and handed to the HTTP client on a pipe
 * (or inside the same process): never on a command line, in a file, in the output, or back to mesh.
 * Linux and macOS use {@link SyncthingRest#posixCommand} (sh, sed and curl).
 */
public non-sealed interface SyncthingPairing extends Capability {

    /**
     * Sends {@code request} to the REST API of the login user's running Syncthing, on the host's
     * loopback (the GUI address from its config.xml), with the API key from that config.xml.
     *
     * @return the HTTP status and body; {@link SyncthingResponse#unavailable} when there is no
     *         Syncthing to ask yet (no config.xml, the GUI turned off, nothing answering on its address)
     * @throws StepFailedException {@link FailureReason#SYNCTHING_PAIRING_FAILED} when the request could
     *                             not be made for another reason
     */
    SyncthingResponse syncthingApi(ProvisioningContext ctx, SyncthingRequest request);
}
