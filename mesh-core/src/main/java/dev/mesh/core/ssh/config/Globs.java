package dev.mesh.core.ssh.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code glob(3)} for Include paths: {@code *}, {@code ?} and {@code [...]} in any component,
 * results sorted, a leading dot matched only explicitly, no match meaning no file (not an error),
 * as OpenSSH's Include uses it. Matching per component is the JDK's glob {@link PathMatcher}.
 */
final class Globs {
    private Globs() {
    }

    /** The existing paths {@code pattern} (absolute) names, sorted. */
    static List<Path> expand(String pattern) {
        Path path = Path.of(pattern);
        List<Path> found = new ArrayList<>();
        found.add(path.getRoot());
        for (Path component : path) {
            String part = component.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : found) {
                if (!hasWildcard(part)) {
                    Path child = dir.resolve(part);
                    if (Files.exists(child, LinkOption.NOFOLLOW_LINKS)) {
                        next.add(child);
                    }
                    continue;
                }
                next.addAll(matches(dir, part));
            }
            found = next;
        }
        return found.stream().sorted().toList();
    }

    private static List<Path> matches(Path dir, String part) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        PathMatcher matcher = dir.getFileSystem().getPathMatcher("glob:" + part);
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                Path name = child.getFileName();
                if (matcher.matches(name) && (!name.toString().startsWith(".") || part.startsWith("."))) {
                    out.add(child);
                }
            }
        } catch (IOException e) {
            // an unreadable directory matches nothing, as glob(3) without GLOB_ERR
        }
        return out;
    }

    private static boolean hasWildcard(String part) {
        return part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0;
    }
}
