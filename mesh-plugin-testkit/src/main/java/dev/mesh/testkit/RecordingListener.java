// Stands in for mesh-cli's progress output: records what a step reported, as "info: ...", "ok: ...", "warn: ...".
package dev.mesh.testkit;

import dev.mesh.api.StepListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link StepListener} that keeps every line, prefixed with its kind ({@code section}, {@code info}, {@code ok}, {@code warn}). */
public final class RecordingListener implements StepListener {
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void section(String title) {
        lines.add("section: " + title);
    }

    @Override
    public void info(String message) {
        lines.add("info: " + message);
    }

    @Override
    public void ok(String message) {
        lines.add("ok: " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("warn: " + message);
    }

    /** The lines of one kind ({@code info}, {@code ok}, {@code warn}, {@code section}), without their prefix. */
    public List<String> of(String kind) {
        return lines.stream().filter(l -> l.startsWith(kind + ": ")).map(l -> l.substring(kind.length() + 2)).toList();
    }

    /** Whether a line of this kind contains {@code fragment}. */
    public boolean has(String kind, String fragment) {
        return lines.stream().anyMatch(l -> l.startsWith(kind + ": ") && l.contains(fragment));
    }
}
