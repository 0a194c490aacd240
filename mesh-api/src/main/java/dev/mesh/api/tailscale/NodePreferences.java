package dev.mesh.api.tailscale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node's current preferences, from {@code tailscale debug prefs} (ipn.Prefs as JSON), as the values
 * of the {@code tailscale up} flags that set them. This is what the CLI's "up checker" compares
 * (cmd/tailscale/cli/up.go, {@code prefsToFlags} and {@code checkForAccidentalSettingReverts}): once
 * a node has a {@code ControlURL}, {@code up} without {@code --reset} refuses to run unless every flag
 * whose current value differs from the flag's default is mentioned; with {@code --reset}, every flag
 * not mentioned goes back to its default. Flags are named as the CLI names them; values are the CLI's
 * text ({@code true}, {@code 10.0.0.0/24,192.168.1.0/24}, {@code on}); {@code stateful-filtering},
 * which the checker ignores on Linux, is left out. A field the JSON lacks gives no value (unknown,
 * never taken for false), except the {@code omitempty} ones, whose absence means empty.
 */
public final class NodePreferences {
    /** The {@code up} preference flags mesh reads, in the order mesh passes them. */
    public static final List<String> FLAGS = List.of("accept-routes", "accept-dns", "hostname", "advertise-tags",
            "advertise-routes", "ssh", "advertise-exit-node", "exit-node", "exit-node-allow-lan-access", "shields-up",
            "advertise-connector", "report-posture", "operator", "snat-subnet-routes", "netfilter-mode", "unattended");
    /** Flags whose value is a comma-separated list, compared as sets. */
    static final Set<String> LISTS = Set.of("advertise-tags", "advertise-routes");
    /** Flags {@code tailscale set} does not take (cmd/tailscale/cli/set.go): tags change only with a new login. */
    public static final Set<String> UP_ONLY = Set.of("advertise-tags");
    private static final Set<String> EXIT_ROUTES = Set.of("0.0.0.0/0", "::/0");
    private static final String[] NETFILTER_MODES = {"off", "nodivert", "on"};

    private final String controlUrl;
    private final Map<String, String> values;
    private final Map<String, String> defaults;

    private NodePreferences(String controlUrl, Map<String, String> values, Map<String, String> defaults) {
        this.controlUrl = controlUrl;
        this.values = Collections.unmodifiableMap(values);
        this.defaults = Collections.unmodifiableMap(defaults);
    }

    /**
     * Reads the parsed {@code tailscale debug prefs} object.
     *
     * @param family          the host's OS family ({@code linux}, {@code windows}, {@code macos}, ...):
     *                        some flags exist on one OS only, and {@code --accept-routes} defaults to
     *                        true on Windows
     * @param exitNodeAddress the Tailscale address of the exit node in use, for a node that names it by
     *                        id only ({@code ExitNodeStatus} of the status); empty when unknown
     */
    public static NodePreferences fromJson(Map<String, Object> prefs, String family, Optional<String> exitNodeAddress) {
        Map<String, String> defaults = defaults(family);
        Map<String, String> v = new LinkedHashMap<>();
        put(v, prefs, "accept-routes", "RouteAll", NodePreferences::bool);
        put(v, prefs, "accept-dns", "CorpDNS", NodePreferences::bool);
        put(v, prefs, "hostname", "Hostname", NodePreferences::text);
        put(v, prefs, "advertise-tags", "AdvertiseTags", x -> String.join(",", strings(x)));
        put(v, prefs, "advertise-routes", "AdvertiseRoutes",
                x -> String.join(",", strings(x).stream().filter(r -> !EXIT_ROUTES.contains(r)).toList()));
        put(v, prefs, "ssh", "RunSSH", NodePreferences::bool);
        put(v, prefs, "advertise-exit-node", "AdvertiseRoutes", x -> String.valueOf(strings(x).containsAll(EXIT_ROUTES)));
        String exitIp = text(prefs.get("ExitNodeIP"));
        boolean byId = !text(prefs.get("ExitNodeID")).isEmpty();
        if (prefs.containsKey("ExitNodeIP") || byId) {
            v.put("exit-node", !exitIp.isEmpty() ? exitIp : byId ? exitNodeAddress.orElse("") : "");
        }
        put(v, prefs, "exit-node-allow-lan-access", "ExitNodeAllowLANAccess", NodePreferences::bool);
        put(v, prefs, "shields-up", "ShieldsUp", NodePreferences::bool);
        put(v, prefs, "advertise-connector", "AppConnector", x -> bool(x instanceof Map<?, ?> m ? m.get("Advertise") : null));
        put(v, prefs, "report-posture", "PostureChecking", NodePreferences::bool);
        // omitempty fields (ipn.Prefs): absent means empty
        v.put("operator", text(prefs.get("OperatorUser")));
        v.put("unattended", bool(prefs.get("ForceDaemon")));
        put(v, prefs, "snat-subnet-routes", "NoSNAT", x -> String.valueOf(!Boolean.TRUE.equals(x)));
        put(v, prefs, "netfilter-mode", "NetfilterMode", NodePreferences::netfilterMode);
        v.keySet().removeIf(flag -> !applies(flag, family));
        return new NodePreferences(text(prefs.get("ControlURL")), v, defaults);
    }

    /** The defaults of {@code tailscale up}'s flags on {@code family} (newUpFlagSet in up.go); absent: the flag does not exist there. */
    public static Map<String, String> defaults(String family) {
        Map<String, String> d = new LinkedHashMap<>();
        boolean windows = family.equals("windows");
        // darwin: true for the App Store and standalone apps, false for Homebrew's tailscaled (DefaultRouteAll):
        // the CLI cannot tell mesh which, so it has no default there and is always mentioned.
        if (!family.equals("macos")) {
            d.put("accept-routes", String.valueOf(windows));
        }
        d.put("accept-dns", "true");
        d.put("hostname", "");
        d.put("advertise-tags", "");
        d.put("advertise-routes", "");
        d.put("ssh", "false");
        d.put("advertise-exit-node", "false");
        d.put("exit-node", "");
        d.put("exit-node-allow-lan-access", "false");
        d.put("shields-up", "false");
        d.put("advertise-connector", "false");
        d.put("report-posture", "false");
        if (!windows) {
            d.put("operator", "");
        }
        if (family.equals("linux")) {
            d.put("snat-subnet-routes", "true");
            d.put("netfilter-mode", "on");
        }
        if (windows) {
            d.put("unattended", "false");
        }
        return d;
    }

    /** {@code flag}'s value from {@code field}, when the node's JSON has that field (an older tailscaled may not). */
    private static void put(Map<String, String> into, Map<String, Object> prefs, String flag, String field,
                            java.util.function.Function<Object, String> value) {
        if (prefs.containsKey(field)) {
            into.put(flag, value.apply(prefs.get(field)));
        }
    }

    /** Whether {@code up} has {@code flag} on {@code family} (up.go: newUpFlagSet, flagAppliesToOS). */
    static boolean applies(String flag, String family) {
        return switch (flag) {
            case "snat-subnet-routes", "netfilter-mode" -> family.equals("linux");
            case "unattended" -> family.equals("windows");
            case "operator" -> !family.equals("windows");
            default -> true;
        };
    }

    /** {@code ControlURL}: the control server the node logs in to; empty before its first {@code up}. */
    public Optional<String> controlUrl() {
        return controlUrl.isBlank() ? Optional.empty() : Optional.of(controlUrl);
    }

    /** Every flag this OS has, with the node's current value. */
    public Map<String, String> values() {
        return values;
    }

    /** The current value of {@code flag}, empty when the OS has no such flag. */
    public Optional<String> value(String flag) {
        return Optional.ofNullable(values.get(flag));
    }

    /** The flags whose current value is not {@code up}'s default (flags without a default on this OS included). */
    public Map<String, String> nonDefault() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((flag, value) -> {
            if (!defaults.containsKey(flag) || !same(flag, value, defaults.get(flag))) {
                out.put(flag, value);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** {@code up}'s default for {@code flag} on this OS, empty when there is none. */
    public Optional<String> defaultValue(String flag) {
        return Optional.ofNullable(defaults.get(flag));
    }

    /** Whether two values of {@code flag} mean the same (lists as sets). */
    public static boolean same(String flag, String a, String b) {
        return LISTS.contains(flag) ? items(a).equals(items(b)) : a.equals(b);
    }

    /** {@code --flag=value}, as mesh passes it. */
    public static String flag(String name, String value) {
        return "--" + name + "=" + value;
    }

    private static Set<String> items(String list) {
        Set<String> set = new TreeSet<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                set.add(item.strip());
            }
        }
        return set;
    }

    private static String bool(Object value) {
        return String.valueOf(Boolean.TRUE.equals(value));
    }

    private static String text(Object value) {
        return value instanceof String s ? s.strip() : "";
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s && !s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** NetfilterMode is persisted as a number (types/preftype): 0 off, 1 nodivert, 2 on. */
    private static String netfilterMode(Object value) {
        if (value instanceof Number n && n.intValue() >= 0 && n.intValue() < NETFILTER_MODES.length) {
            return NETFILTER_MODES[n.intValue()];
        }
        return "on";
    }

    @Override
    public String toString() {
        return "NodePreferences[" + controlUrl + ", " + nonDefault() + "]";
    }
}
