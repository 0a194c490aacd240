package dev.mesh.cli;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code -s/--server URL} of {@code mesh remote status|remove}: the Headscale URL, as provision takes it. */
final class ServerOption {
    @Option(names = {"-s", "--server"}, paramLabel = "URL",
            description = "Headscale server URL (mesh.server-url, MESH_SERVER_URL).")
    String server;

    /** {@code overrides} plus {@code mesh.server-url} when given. */
    Map<String, Object> with(Map<String, Object> overrides) {
        Map<String, Object> all = new HashMap<>(overrides);
        if (server != null) {
            all.put("mesh.server-url", server);
        }
        return all;
    }
}
