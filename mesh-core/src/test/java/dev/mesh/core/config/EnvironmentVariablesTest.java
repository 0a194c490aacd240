package dev.mesh.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The documented variables, reference.conf and --help agree with each other. */
class EnvironmentVariablesTest {
    private final Config reference = ConfigFactory.parseResources(getClass().getClassLoader(), "reference.conf");

    @Test
    void everyCoreSettingHasExactlyOneVariableAndItsCommentNamesIt() {
        Set<String> settings = reference.getConfig("mesh").entrySet().stream().map(e -> "mesh." + e.getKey())
                .filter(path -> !path.startsWith("mesh.plugins.")).collect(Collectors.toSet());
        Set<String> documented = MeshConfigLoader.ENVIRONMENT_VARIABLES.stream().map(EnvironmentVariable::path)
                .collect(Collectors.toSet());
        assertEquals(settings, documented);
        assertEquals(documented.size(), MeshConfigLoader.ENVIRONMENT_VARIABLES.size());
        for (EnvironmentVariable v : MeshConfigLoader.ENVIRONMENT_VARIABLES) {
            List<String> comments = reference.getValue(v.path()).origin().comments();
            assertTrue(String.join(" ", comments).contains(v.name()), v.path() + " comment should name " + v.name());
            assertTrue(v.name().startsWith("MESH_"), v.name());
        }
    }

    @Test
    void describeSourcesListsTheLayersAndEveryVariable() {
        String text = MeshConfigLoader.describeSources();
        assertTrue(text.contains(MeshConfigLoader.defaultUserFile().toString()));
        assertTrue(text.contains("--config"));
        MeshConfigLoader.ENVIRONMENT_VARIABLES.forEach(v -> assertTrue(text.contains(v.name()), v.name()));
    }
}
