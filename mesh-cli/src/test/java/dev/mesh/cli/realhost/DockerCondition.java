package dev.mesh.cli.realhost;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.testcontainers.DockerClientFactory;

/**
 * The condition behind {@link RequiresDocker}: enabled when the engine answers and the images
 * exist; otherwise skipped, or failed when {@code MESH_REQUIRE_DOCKER=1}.
 */
final class DockerCondition implements ExecutionCondition {
    static final String REQUIRE = "MESH_REQUIRE_DOCKER";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String[] images = AnnotationSupport.findAnnotation(context.getElement(), RequiresDocker.class)
                .map(RequiresDocker::images).orElse(new String[0]);
        return evaluate(images, System.getenv());
    }

    /** @throws IllegalStateException when something is missing and {@code env} requires Docker */
    static ConditionEvaluationResult evaluate(String[] images, Map<String, String> env) {
        String missing = missing(images);
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Docker engine and test-host images present");
        }
        if ("1".equals(env.get(REQUIRE))) {
            throw new IllegalStateException(REQUIRE + "=1 but " + missing);
        }
        return ConditionEvaluationResult.disabled(missing + " (set " + REQUIRE + "=1 to fail instead of skipping)");
    }

    private static String missing(String[] images) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker engine answers (run test-hosts/ensure-docker.sh)";
        }
        List<String> absent = new ArrayList<>();
        for (String image : images) {
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            } catch (RuntimeException e) {
                absent.add(image);
            }
        }
        return absent.isEmpty() ? "" : "images missing: " + String.join(", ", absent)
                + " (run test-hosts/build-images.sh)";
    }
}
