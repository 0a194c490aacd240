package dev.mesh.core.syncthing;

import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StatusReport;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.SyncthingPairing;
import dev.mesh.api.TransportException;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.core.text.DisplayText;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A host's Syncthing pairing as {@code mesh remote status} shows it: the devices it is paired with and
 * whether each is connected, its folders and their state ({@link SyncthingStatus}), or why they could not
 * be read. Read over the status run's own connection to the host, through the plugin's
 * {@link SyncthingPairing} (the API key stays on the host), with one attempt and no waiting: a
 * Syncthing that does not answer at once is {@link State#NOT_ANSWERING}, not waited for as pairing
 * waits ({@link SyncthingPairingRun#START_WAIT}). Nothing here fails the host.
 *
 * @param state  what was found
 * @param reason why the pairing is not shown, one line; empty when {@link State#READ}
 * @param status the pairing, when {@link State#READ}; devices are named by ID until {@link #named}
 */
public record PairingStatus(State state, String reason, Optional<SyncthingStatus> status) {
    /** What a status run found. */
    public enum State {
        /** Read: {@link #status()} holds it. */
        READ,
        /** The host's plugin lacks {@link SyncthingPairing}. */
        UNSUPPORTED,
        /** The plugin found no Syncthing for the login user. */
        NOT_INSTALLED,
        /** Installed, but the plugin found it not running for the login user. */
        NOT_RUNNING,
        /** Running, but its REST API could not be asked (no config.xml, GUI off, nothing answering on its address). */
        NOT_ANSWERING,
        /** Its REST API answered, but not as expected (an HTTP error, JSON that is not Syncthing's), or the connection failed. */
        FAILED;

        /** {@code read}, {@code unsupported}, {@code not-installed}, {@code not-running}, {@code not-answering}, {@code failed}. */
        public String json() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public PairingStatus {
        reason = DisplayText.inline(reason.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip());
    }

    /**
     * Reads the pairing of the host {@code ctx} is connected to: not asked when the plugin cannot, or
     * found Syncthing not installed or not running ({@code report}); otherwise {@code /rest/system/status}
     * once, and when that answered, the version, devices, connections, folders and folder states.
     *
     * @param pairing the plugin's capability, empty when it lacks it
     * @param plugin  the plugin as {@code PluginRegistry#describe} names it, e.g. {@code plugin 'freebsd' (…)}
     * @param report  what the plugin's {@code HostStatusReport} found; its Tailscale addresses are the tailnet addresses shown
     */
    public static PairingStatus read(Optional<SyncthingPairing> pairing, String plugin, StatusReport report,
                                     ProvisioningContext ctx) {
        if (pairing.isEmpty()) {
            return new PairingStatus(State.UNSUPPORTED, "not supported by " + plugin, Optional.empty());
        }
        if (!report.syncthingInstalled()) {
            return new PairingStatus(State.NOT_INSTALLED, "Syncthing is not installed", Optional.empty());
        }
        if (!report.syncthingRunning()) {
            return new PairingStatus(State.NOT_RUNNING, "Syncthing is not running for " + ctx.host().user(), Optional.empty());
        }
        SyncthingApi api = new SyncthingApi(pairing.get(), ctx);
        try {
            SyncthingResponse system = api.ask(SyncthingApi.STATUS);
            if (!system.available()) {
                return new PairingStatus(State.NOT_ANSWERING, system.problem(), Optional.empty());
            }
            String id = SyncthingApi.deviceId(api.object(SyncthingApi.STATUS, system));
            ReadyHost host = new ReadyHost(ctx.host().display(), id, api.version(),
                    report.tailscale().status().addresses(), Map.of());
            return new PairingStatus(State.READ, "", Optional.of(StatusReader.readByDeviceId(api, host)));
        } catch (StepFailedException e) {
            return new PairingStatus(State.FAILED, e.getMessage(), Optional.empty());
        } catch (dev.mesh.core.ssh.CommandStoppedException e) {
            throw e; // Ctrl-C: the run stops, this host is not "read with a failed pairing"
        } catch (TransportException e) {
            return new PairingStatus(State.FAILED, "the SSH connection failed: " + e.getMessage(), Optional.empty());
        } catch (RuntimeException e) {
            return new PairingStatus(State.FAILED, plugin + " failed unexpectedly: " + e, Optional.empty());
        }
    }

    /** The host's own device ID, when read. */
    public Optional<String> deviceId() {
        return status.map(SyncthingStatus::deviceId);
    }

    /** This pairing with its devices named after the hosts they are ({@link SyncthingStatus#named}). */
    public PairingStatus named(Map<String, String> names) {
        return new PairingStatus(state, reason, status.map(s -> s.named(names)));
    }
}
