package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/** {@link RequiresDocker}'s rule: skip where the engine or an image is missing, unless CI requires Docker. */
class DockerConditionTest {
    private static final String[] ABSENT = {"mesh-test/no-such-image:never-built"};

    @Test
    void somethingMissingSkipsWithTheReason() {
        ConditionEvaluationResult result = DockerCondition.evaluate(ABSENT, Map.of());
        assertTrue(result.isDisabled());
        String reason = result.getReason().orElse("");
        assertTrue(reason.contains("MESH_REQUIRE_DOCKER=1") && (reason.contains(ABSENT[0]) || reason.contains("no Docker engine")),
                reason);
    }

    @Test
    void somethingMissingFailsWhenDockerIsRequired() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DockerCondition.evaluate(ABSENT, Map.of("MESH_REQUIRE_DOCKER", "1")));
        assertTrue(e.getMessage().contains("MESH_REQUIRE_DOCKER=1 but"), e.getMessage());
    }
}
