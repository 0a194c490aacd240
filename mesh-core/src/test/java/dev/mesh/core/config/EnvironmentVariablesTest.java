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
        Set<String> settings = leaves("mesh", reference.getObject("mesh")).stream()
                .filter(path -> !path.startsWith("mesh.plugins")).collect(Collectors.toSet());
        Set<String> documented = MeshConfigLoader.ENVIRONMENT_VARIABLES.stream().map(EnvironmentVariable::path)
                .collect(Collectors.toSet());
        assertEquals(settings, documented);
        assertEquals(documented.size(), MeshConfigLoader.ENVIRONMENT_VARIABLES.size());
        for (EnvironmentVariable v : MeshConfigLoader.ENVIRONMENT_VARIABLES) {
            List<String> path = com.typesafe.config.ConfigUtil.splitPath(v.path());
            String parent = String.join(".", path.subList(0, path.size() - 1));
            // getValue refuses null values (the unset-by-default ones); the parent object holds them
            List<String> comments = reference.getObject(parent).get(path.get(path.size() - 1)).origin().comments();
            assertTrue(String.join(" ", comments).contains(v.name()), v.path() + " comment should name " + v.name());
            assertTrue(v.name().startsWith("MESH_"), v.name());
        }
    }

    /** Every leaf path, null ones included (unset-by-default settings such as mesh.tailscale.*). */
    private static Set<String> leaves(String path, com.typesafe.config.ConfigObject object) {
        Set<String> out = new java.util.HashSet<>();
        object.forEach((key, value) -> {
            if (value instanceof com.typesafe.config.ConfigObject child) {
                out.addAll(leaves(path + "." + key, child));
            } else {
                out.add(path + "." + key);
            }
        });
        return out;
    }

    @Test
    void describeSourcesListsTheLayersAndEveryVariable() {
        String text = MeshConfigLoader.describeSources();
        assertTrue(text.contains(MeshConfigLoader.defaultUserFile().toString()));
        assertTrue(text.contains("--config"));
        MeshConfigLoader.ENVIRONMENT_VARIABLES.forEach(v -> assertTrue(text.contains(v.name()), v.name()));
    }
}
