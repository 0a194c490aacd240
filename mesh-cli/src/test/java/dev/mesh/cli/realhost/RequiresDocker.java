package dev.mesh.cli.realhost;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a Docker engine and the locally built test-host images
 * ({@code test-hosts/build-images.sh}). Without them the tests are skipped, unless the environment
 * variable {@code MESH_REQUIRE_DOCKER=1} (set by {@code .ci/run}) says they must run: then they fail,
 * so CI cannot pass by skipping them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("docker")
@ExtendWith(DockerCondition.class)
public @interface RequiresDocker {
    /** Images that must exist locally, e.g. {@code mesh-test/sshd:bookworm} (nothing can be pulled). */
    String[] images() default {};
}
