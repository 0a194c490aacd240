package dev.mesh.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens mesh's HOCON files (mesh.conf, {@code --config}, the inventory) safely: only a readable
 * regular file is parsed (a FIFO or {@code /dev/zero} would block or never end), and includes
 * stay local ({@link LocalIncluder}).
 */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    /**
     * Parses {@code file} as HOCON, unresolved.
     *
     * @param what         how to name the file in messages, e.g. "configuration file (given with --config)"
     * @param allowMissing whether a file that does not exist reads as empty
     * @throws MeshConfigException naming the file (and line, for a syntax error)
     */
    public static Config parse(Path file, String what, boolean allowMissing) {
        if (!Files.exists(file)) {
            if (allowMissing) {
                return ConfigFactory.empty();
            }
            throw new MeshConfigException(file + ": " + what + " does not exist");
        }
        checkReadable(file, what);
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults()
                    .setAllowMissing(false).setIncluder(new LocalIncluder(file)));
        } catch (ConfigException e) {
            throw new MeshConfigException(e.getMessage(), e);
        }
    }

    /**
     * @throws MeshConfigException when {@code file} is not a regular file this process can read
     */
    public static void checkReadable(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new MeshConfigException(file + ": " + what + " is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new MeshConfigException(file + ": " + what + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new MeshConfigException(file + ": " + what + " cannot be read (permission denied)");
        }
    }
}
