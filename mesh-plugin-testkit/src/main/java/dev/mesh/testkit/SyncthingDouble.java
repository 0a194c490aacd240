// Stands in for the REST API of one running Syncthing (lib/api, 1.19 to 2.x): device and folder configuration, myID, version, connections, folder status, and the X-API-Key check.
package dev.mesh.testkit;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The answers of Syncthing's REST API that pairing uses, as lib/api/confighandler.go gives them:
 * {@code GET/PUT/PATCH/DELETE /rest/config/devices[/ID]} and {@code /rest/config/folders[/ID]} (PUT
 * fills in defaults, PATCH merges top-level fields, 404 "No device with given ID"), the local device
 * always in the device list and in every folder, {@code /rest/system/status} ({@code myID}),
 * {@code /rest/system/version}, {@code /rest/system/connections}, {@code /rest/db/status}, and 403
 * for a request without the right {@code X-API-Key}. An OS model decodes the plugin's command (sh,
 * PowerShell), reads the key from the config.xml it keeps, and calls {@link #handle}. Not thread-safe
 * beyond what one host's commands need (one at a time).
 */
public final class SyncthingDouble {
    /** The API key this Syncthing's config.xml holds; never expected anywhere else. */
    public final String apiKey;
    public final String myId;
    public volatile String version = "v1.19.2";
    public final Map<String, Map<String, Object>> devices = new LinkedHashMap<>();
    public final Map<String, Map<String, Object>> folders = new LinkedHashMap<>();
    /** Devices this Syncthing is connected to now. */
    public final Set<String> connected = new CopyOnWriteArraySet<>();
    /** {@code METHOD PATH} of every request, and the API key each carried. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final List<String> keysSeen = new CopyOnWriteArrayList<>();

    /**
     * The {@code <gui>} element of a config.xml as the plugins' scripts read it.
     *
     * @param apiKey  {@code <apikey>}, empty when missing
     * @param address {@code <address>}, empty when missing
     */
    public record Gui(String apiKey, String address) {
        private static final java.util.regex.Pattern ELEMENT = java.util.regex.Pattern.compile("<(apikey|address)>([^<]*)</\\1>");

        /** The GUI settings of {@code configXml} (device addresses before the {@code <gui>} element are not the GUI's). */
        public static Gui of(String configXml) {
            int gui = Math.max(0, configXml.indexOf("<gui"));
            java.util.regex.Matcher m = ELEMENT.matcher(configXml.substring(gui));
            String key = "";
            String address = "";
            while (m.find()) {
                if (m.group(1).equals("apikey")) {
                    key = m.group(2);
                } else if (address.isEmpty()) {
                    address = m.group(2);
                }
            }
            return new Gui(key, address);
        }
    }

    /** An HTTP answer. */
    public record Answer(int status, String body) {
    }

    public SyncthingDouble(String apiKey, String myId) {
        this.apiKey = apiKey;
        this.myId = myId;
        devices.put(myId, device(Map.of("deviceID", myId, "name", "self")));
    }

    /** A device ID of the right form (8 groups of 7), from {@code seed}. */
    public static String deviceId(char seed) {
        String group = String.valueOf(seed).repeat(7);
        return String.join("-", group, group, group, group, group, group, group, group);
    }

    /** The config.xml Syncthing writes, with this key and GUI address (what the OS models keep on disk). */
    public String configXml(String guiAddress) {
        return "<configuration version=\"37\">\n    <device id=\"" + myId + "\" name=\"self\">\n"
                + "        <address>dynamic</address>\n    </device>\n"
                + "    <gui enabled=\"true\" tls=\"false\" debugging=\"false\">\n        <address>" + guiAddress
                + "</address>\n        <apikey>" + apiKey + "</apikey>\n        <theme>default</theme>\n    </gui>\n"
                + "</configuration>\n";
    }

    /** One request; {@code key} is what the request's X-API-Key header carried. */
    public synchronized Answer handle(String method, String pathAndQuery, String body, String key) {
        requests.add(method + " " + pathAndQuery);
        keysSeen.add(key);
        if (!apiKey.equals(key)) {
            return new Answer(403, "Forbidden\n");
        }
        String[] parts = pathAndQuery.split("\\?", 2);
        String path = parts[0];
        String query = parts.length > 1 ? parts[1] : "";
        try {
            return switch (path) {
                case "/rest/system/status" -> json(Map.of("myID", myId, "uptime", 42));
                case "/rest/system/version" -> json(Map.of("version", version, "os", "test"));
                case "/rest/system/connections" -> connections();
                case "/rest/db/status" -> json(Map.of("state", "idle", "needFiles", 0, "error", ""));
                case "/rest/config/devices" -> method.equals("GET") ? json(new ArrayList<>(devices.values())) : notFound();
                case "/rest/config/folders" -> method.equals("GET") ? json(new ArrayList<>(folders.values())) : notFound();
                default -> item(method, path, body, query);
            };
        } catch (ConfigException e) {
            return new Answer(400, "invalid JSON: " + e.getMessage() + "\n");
        }
    }

    private Answer item(String method, String path, String body, String query) {
        boolean isDevice = path.startsWith("/rest/config/devices/");
        if (!isDevice && !path.startsWith("/rest/config/folders/")) {
            return notFound();
        }
        String id = URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
        Map<String, Map<String, Object>> table = isDevice ? devices : folders;
        Map<String, Object> existing = table.get(id);
        switch (method) {
            case "GET":
                return existing == null ? new Answer(404, "No " + (isDevice ? "device" : "folder") + " with given ID\n")
                        : json(existing);
            case "PUT":
                Map<String, Object> fresh = isDevice ? device(parse(body)) : folder(parse(body));
                table.put(String.valueOf(fresh.get(isDevice ? "deviceID" : "id")), fresh);
                return new Answer(200, "");
            case "PATCH":
                if (existing == null) {
                    return new Answer(404, "No " + (isDevice ? "device" : "folder") + " with given ID\n");
                }
                Map<String, Object> merged = new LinkedHashMap<>(existing);
                merged.putAll(parse(body));
                table.put(id, isDevice ? device(merged) : folder(merged));
                return new Answer(200, "");
            case "DELETE":
                table.remove(id);
                if (isDevice) {
                    folders.replaceAll((f, folder) -> folder(folder)); // Syncthing drops unknown folder devices
                }
                return new Answer(200, "");
            default:
                return new Answer(405, "Method Not Allowed\n");
        }
    }

    private Answer connections() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String id : devices.keySet()) {
            if (!id.equals(myId)) {
                all.put(id, Map.of("connected", connected.contains(id), "address", connected.contains(id) ? "100.64.0.1:22000" : ""));
            }
        }
        return json(Map.of("connections", all, "total", Map.of()));
    }

    private static Map<String, Object> device(Map<String, Object> given) {
        Map<String, Object> d = new LinkedHashMap<>(Map.of("name", "", "addresses", List.of("dynamic"), "introducer", false,
                "paused", false, "autoAcceptFolders", false, "allowedNetworks", List.of()));
        d.putAll(given);
        return d;
    }

    /** Defaults filled in; the local device added; devices this Syncthing does not know dropped. */
    private Map<String, Object> folder(Map<String, Object> given) {
        Map<String, Object> f = new LinkedHashMap<>(Map.of("label", "", "type", "sendreceive", "paused", false,
                "rescanIntervalS", 3600, "fsWatcherEnabled", true));
        f.putAll(given);
        List<Object> kept = new ArrayList<>();
        boolean self = false;
        for (Object d : given.get("devices") instanceof List<?> l ? l : List.of()) {
            String id = d instanceof Map<?, ?> m ? String.valueOf(m.get("deviceID")) : "";
            if (devices.containsKey(id)) {
                kept.add(d);
                self |= id.equals(myId);
            }
        }
        if (!self) {
            kept.add(0, Map.of("deviceID", myId));
        }
        f.put("devices", kept);
        return f;
    }

    private static Map<String, Object> parse(String body) {
        return ConfigFactory.parseString(body, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)).root().unwrapped();
    }

    private static Answer json(Object value) {
        return new Answer(200, ConfigValueFactory.fromAnyRef(value).render(ConfigRenderOptions.concise()) + "\n");
    }

    private static Answer notFound() {
        return new Answer(404, "404 page not found\n");
    }
}
