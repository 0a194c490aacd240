package dev.mesh.cli;

import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code mesh remote provision} and {@code provision-all}. */
final class ProvisionOptions {
    @Mixin
    HostOptions hostOptions;

    @Option(names = {"-s", "--server"}, paramLabel = "URL",
            description = "Headscale server URL (mesh.server-url, MESH_SERVER_URL).")
    String server;

    @Option(names = {"-u", "--user"}, paramLabel = "USER",
            description = "Headscale user the key belongs to (mesh.headscale.user, MESH_HEADSCALE_USER; default mesh).")
    String headscaleUser;

    @Option(names = "--skip-syncthing", description = "Do not install Syncthing.")
    boolean skipSyncthing;

    @Mixin
    HostPreferenceOptions preferences;

    @Option(names = {"-f", "--force"}, description = "Join the host again even when it is already on the mesh (Running "
            + "on this login server with an address Headscale lists): mint a key and run `tailscale up` again.")
    boolean force;

    @Option(names = "--dry-run", description = "Connect, detect and inspect only, then print what would be done; "
            + "mints no key and changes nothing on the host.")
    boolean dryRun;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "10",
            description = "Hosts provisioned at a time (default: ${DEFAULT-VALUE}); 1 provisions them one after the"
                    + " other, in order.")
    int parallel;

    @Option(names = "--pair-syncthing", description = "At the end, pair the Syncthing of every host that is on the mesh"
            + " with every other's over the tailnet, as mesh syncthing pair does.")
    boolean pairSyncthing;

    @Mixin
    HostOutputOption output;

    /** The configuration overrides these options stand for. */
    Map<String, Object> overrides() {
        Map<String, Object> o = hostOptions.overrides();
        if (server != null) {
            o.put("mesh.server-url", server);
        }
        if (headscaleUser != null) {
            o.put("mesh.headscale.user", headscaleUser);
        }
        preferences.given().forEach((p, v) -> o.put(p.settingPath(), v));
        return o;
    }
}
