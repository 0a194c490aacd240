package dev.mesh.core.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseable;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/**
 * Lets mesh's HOCON files include other local files only. {@code include url(…)}, {@code include
 * "http://…"} (Typesafe's heuristic treats a URL-like string as a URL) and {@code include
 * classpath(…)} are refused before they are resolved: a URL include makes a network request while
 * the configuration loads. A relative include that names no existing file is not looked up on the
 * class path (Typesafe's fallback) either: it is empty, or an error when {@code required(…)}.
 */
final class LocalIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    private final Path file;
    private final ConfigIncluder fallback;

    /** @param file the file being parsed, named in refusals */
    LocalIncluder(Path file) {
        this(file, null);
    }

    private LocalIncluder(Path file, ConfigIncluder fallback) {
        this.file = file;
        this.fallback = fallback;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return new LocalIncluder(file, fallback);
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        try {
            new URL(what);
            throw refused("include \"" + what + "\"", "it names a URL");
        } catch (MalformedURLException e) {
            // not a URL: a file name, relative to the including file
        }
        for (String candidate : List.of(what, what + ".conf", what + ".json", what + ".properties")) {
            ConfigParseable sibling = context.relativeTo(candidate);
            if (sibling != null && sibling.origin().filename() != null) {
                return fallback.include(context, what);
            }
        }
        if (context.parseOptions().getAllowMissing()) {
            return ConfigFactory.empty().root();
        }
        throw refused("include required(\"" + what + "\")", "no such file next to the including file");
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
        return ((ConfigIncluderFile) fallback).includeFile(context, what);
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
        throw refused("include url(" + what + ")", "mesh does not read configuration from the network");
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
        throw refused("include classpath(" + what + ")", "mesh reads configuration from files only");
    }

    private MeshConfigException refused(String include, String why) {
        return new MeshConfigException(file + ": " + include + " refused: " + why
                + "; include local files with include \"FILE\" or include file(\"PATH\")");
    }
}
