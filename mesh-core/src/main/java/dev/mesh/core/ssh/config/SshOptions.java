package dev.mesh.core.ssh.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ssh config says for one host, as {@code ssh -G} would show it for the directives mesh
 * implements: for most the first value obtained wins; IdentityFile accumulates. Every value keeps
 * its origin, and every applying directive that mesh does not implement is kept for a warning.
 */
public final class SshOptions {
    /** Most IdentityFile lines OpenSSH accepts for one host (SSH_MAX_IDENTITY_FILES). */
    static final int MAX_IDENTITY_FILES = 100;

    /** One directive's value: its arguments, the raw text after the keyword, where it was set. */
    public record Setting(List<String> args, String rest, Origin origin) {
        public String first() {
            return args.get(0);
        }
    }

    /** A directive mesh does not implement that applied to the host; {@code written} as in the file. */
    public record Ignored(String keyword, String written, String value, Origin origin) {
        @Override
        public String toString() {
            return written + " " + value + " (" + origin + ")";
        }
    }

    private final Map<String, Setting> first = new HashMap<>();
    private final List<Setting> identityFiles = new ArrayList<>();
    private final Map<String, Ignored> ignored = new LinkedHashMap<>();

    /** The first value of {@code keyword} (lower case), if any applied. */
    public Optional<Setting> get(String keyword) {
        return Optional.ofNullable(first.get(keyword));
    }

    /** Every IdentityFile that applied, in order, duplicates removed. */
    public List<Setting> identityFiles() {
        return List.copyOf(identityFiles);
    }

    /** Directives mesh does not implement that applied, once per keyword, in file order. */
    public List<Ignored> ignored() {
        return List.copyOf(ignored.values());
    }

    boolean has(String keyword) {
        return first.containsKey(keyword);
    }

    void setIfAbsent(ConfigLine line) {
        first.putIfAbsent(line.keyword(), new Setting(line.args(), line.rest(), line.origin()));
    }

    void addIdentityFile(ConfigLine line) {
        if (identityFiles.stream().anyMatch(s -> s.first().equals(line.first()))) {
            return; // OpenSSH's add_identity_file skips duplicates
        }
        if (identityFiles.size() >= MAX_IDENTITY_FILES) {
            throw SshConfigException.at(line.origin().file(), line.origin().line(),
                    "too many identity files specified (max " + MAX_IDENTITY_FILES + ")");
        }
        identityFiles.add(new Setting(line.args(), line.rest(), line.origin()));
    }

    void ignore(ConfigLine line) {
        ignored.putIfAbsent(line.keyword(), new Ignored(line.keyword(), line.written(), line.rest(), line.origin()));
    }
}
