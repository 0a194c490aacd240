package dev.mesh.core.config;

import dev.mesh.core.authkey.HeadscaleApiKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where the Headscale REST API key would be read from, without reading it: it is a secret. */
final class ApiKeyOrigin {
    private ApiKeyOrigin() {
    }

    /**
     * @param apiKeyFile       {@code mesh.headscale.api-key-file}, if set
     * @param apiKeyFileOrigin where that setting came from
     * @return the variable {@code MESH_HEADSCALE_API_KEY} when it is set (it wins, as
     *         {@link HeadscaleApiKey#read} does), else the file setting; empty when neither is set
     */
    static Optional<Origin> of(Map<String, String> env, Optional<Path> apiKeyFile, Origin apiKeyFileOrigin) {
        String variable = env.get(HeadscaleApiKey.VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Optional.of(Origin.environment(HeadscaleApiKey.VARIABLE));
        }
        return apiKeyFile.map(file -> apiKeyFileOrigin.withNote("key file " + file));
    }
}
