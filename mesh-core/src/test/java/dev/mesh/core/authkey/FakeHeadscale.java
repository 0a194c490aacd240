package dev.mesh.core.authkey;

import dev.mesh.core.config.HeadscaleSettings;
import dev.mesh.core.config.KeySettings;
import dev.mesh.core.exec.LocalCommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper around the headscale CLI double ({@code src/test/resources/fake-headscale/headscale}):
 * copies it to a directory as an executable (resources lose their exec bit) and builds a key source
 * that runs it without sudo, with the double's FAKE_HEADSCALE_* variables set.
 */
final class FakeHeadscale {
    final Path command;
    final Path record;
    private final Map<String, String> env = new HashMap<>();
    private Duration timeout = Duration.ofSeconds(10);

    FakeHeadscale(Path dir, String version) {
        this.command = dir.resolve("headscale");
        this.record = dir.resolve("calls.txt");
        try (InputStream in = FakeHeadscale.class.getResourceAsStream("/fake-headscale/headscale")) {
            Files.copy(in, command, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("FAKE_HEADSCALE_VERSION", version);
        env.put("FAKE_HEADSCALE_RECORD", record.toString());
    }

    FakeHeadscale with(String name, String value) {
        env.put(name, value);
        return this;
    }

    FakeHeadscale timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    HeadscaleSettings settings(String commandPath) {
        return new HeadscaleSettings("mesh", commandPath, false, timeout,
                new KeySettings(true, false, Duration.ofHours(24), List.of()));
    }

    HeadscaleCliKeySource source() {
        return new HeadscaleCliKeySource(settings(command.toString()), new LocalCommandRunner(env));
    }

    /** The argument lines the double recorded, one per call. */
    List<String> calls() throws IOException {
        return Files.exists(record) ? Files.readAllLines(record) : List.of();
    }
}
