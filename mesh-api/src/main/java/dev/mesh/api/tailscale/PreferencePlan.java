package dev.mesh.api.tailscale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one run does with a node's preferences: the ones it wants ({@link TailscalePreferences}), and
 * the ones the node already has ({@link NodePreferences}) that the run does not name. Those are kept
 * by mentioning them with their current value (so {@code up} neither refuses, as its up checker does
 * for a node with a login server, nor resets them, as it does for a node without one), or dropped
 * when the run asks for {@code --reset}. Nothing is dropped without being named.
 */
public final class PreferencePlan {
    private final Map<String, String> wanted;
    private final Map<String, String> kept;
    private final Map<String, String> restated;
    private final Map<String, String> dropped;
    private final Map<String, String[]> changes;
    private final Map<String, String> defaults;
    private final boolean reset;
    private final Optional<String> acceptRoutes;

    private PreferencePlan(Map<String, String> wanted, Map<String, String> kept, Map<String, String> restated,
                           Map<String, String> dropped, Map<String, String[]> changes, Map<String, String> defaults,
                           boolean reset, Optional<String> acceptRoutes) {
        this.wanted = wanted;
        this.kept = kept;
        this.restated = restated;
        this.dropped = dropped;
        this.changes = changes;
        this.defaults = defaults;
        this.reset = reset;
        this.acceptRoutes = acceptRoutes;
    }

    /**
     * @param wanted   this run's preferences
     * @param current  the node's, empty when they could not be read
     * @param family   the host's OS family (flag defaults differ by OS)
     * @param osFlags  flags the OS plugin always passes itself (e.g. Windows' {@code unattended}): neither kept nor dropped
     */
    public static PreferencePlan of(TailscalePreferences wanted, Optional<NodePreferences> current, String family,
                                    Set<String> osFlags) {
        Map<String, String> want = wanted.values();
        Map<String, String> defaults = NodePreferences.defaults(family);
        Map<String, String> kept = new LinkedHashMap<>();
        Map<String, String> restated = new LinkedHashMap<>();
        Map<String, String> dropped = new LinkedHashMap<>();
        Map<String, String[]> changes = new LinkedHashMap<>();
        current.ifPresent(node -> {
            node.nonDefault().forEach((flag, value) -> {
                if (want.containsKey(flag) || osFlags.contains(flag)) {
                    return;
                }
                // a flag without a default on this OS is stated as it is, never reset or reported
                (!defaults.containsKey(flag) ? restated : wanted.reset() ? dropped : kept).put(flag, value);
            });
            want.forEach((flag, value) -> node.value(flag).filter(now -> !NodePreferences.same(flag, now, value))
                    .ifPresent(now -> changes.put(flag, new String[] {now, value})));
        });
        Optional<String> routes = Optional.ofNullable(want.get("accept-routes"))
                .or(() -> Optional.ofNullable(kept.get("accept-routes")))
                .or(() -> Optional.ofNullable(restated.get("accept-routes")))
                .or(() -> Optional.ofNullable(defaults.get("accept-routes")));
        return new PreferencePlan(want, Collections.unmodifiableMap(kept), restated,
                Collections.unmodifiableMap(dropped), Collections.unmodifiableMap(changes), defaults, wanted.reset(),
                routes);
    }

    /** Whether {@code up} gets {@code --reset}. */
    public boolean reset() {
        return reset;
    }

    /** The node's preferences this run keeps by mentioning them (flag → current value). */
    public Map<String, String> kept() {
        return kept;
    }

    /** The node's preferences this run resets to Tailscale's defaults (flag → current value). */
    public Map<String, String> dropped() {
        return dropped;
    }

    /** What the accept-routes preference will be after this run, when known ({@code true}/{@code false}). */
    public Optional<Boolean> acceptRoutes() {
        return acceptRoutes.map(Boolean::parseBoolean);
    }

    /**
     * The preference flags of {@code up}: the wanted ones and the kept ones, {@code --name=value}, in
     * the order of {@link NodePreferences#FLAGS}; with {@code acceptRoutesLater}, {@code --accept-routes=false}
     * instead of true (the routes are accepted afterwards, once mesh has looked at them).
     */
    public List<String> upFlags(boolean acceptRoutesLater) {
        List<String> flags = new ArrayList<>();
        for (String flag : NodePreferences.FLAGS) {
            String value = wanted.containsKey(flag) ? wanted.get(flag)
                    : kept.containsKey(flag) ? kept.get(flag) : restated.get(flag);
            if (flag.equals("accept-routes") && acceptRoutesLater) {
                value = "false";
            }
            if (value != null) {
                flags.add(NodePreferences.flag(flag, value));
            }
        }
        return List.copyOf(flags);
    }

    /**
     * The wanted preferences the node has otherwise: flag → {current, wanted}; empty when the node's
     * preferences could not be read.
     */
    public Map<String, String[]> changes() {
        return changes;
    }

    /**
     * The flags of {@code tailscale set} that bring a joined node to this run's preferences: the
     * changes, and with {@code --reset} the dropped ones at their defaults; never a flag {@code set}
     * does not take ({@link NodePreferences#UP_ONLY}), nor accept-routes when {@code acceptRoutesLater}.
     */
    public List<String> setFlags(boolean acceptRoutesLater) {
        List<String> flags = new ArrayList<>();
        for (String flag : NodePreferences.FLAGS) {
            String value = changes.containsKey(flag) ? changes.get(flag)[1]
                    : dropped.containsKey(flag) ? defaults.get(flag) : null;
            boolean later = flag.equals("accept-routes") && acceptRoutesLater;
            if (value != null && !NodePreferences.UP_ONLY.contains(flag) && !later) {
                flags.add(NodePreferences.flag(flag, value));
            }
        }
        return List.copyOf(flags);
    }

    /** Wanted changes {@code tailscale set} cannot make ({@link NodePreferences#UP_ONLY}), flag → {current, wanted}. */
    public Map<String, String[]> unsettable() {
        Map<String, String[]> out = new LinkedHashMap<>();
        changes.forEach((flag, values) -> {
            if (NodePreferences.UP_ONLY.contains(flag)) {
                out.put(flag, values);
            }
        });
        return out;
    }

    /** {@code --ssh=true, --hostname=web-1} for messages. */
    public static String describe(Map<String, String> flags) {
        List<String> parts = new ArrayList<>();
        flags.forEach((flag, value) -> parts.add(NodePreferences.flag(flag, value)));
        return String.join(", ", parts);
    }

    /** {@code accept-dns true → false, hostname "" → web-1} for messages. */
    public static String describeChanges(Map<String, String[]> changes) {
        List<String> parts = new ArrayList<>();
        changes.forEach((flag, v) -> parts.add(flag + " " + shown(v[0]) + " → " + shown(v[1])));
        return String.join(", ", parts);
    }

    private static String shown(String value) {
        return value.isEmpty() ? "\"\"" : value;
    }
}
