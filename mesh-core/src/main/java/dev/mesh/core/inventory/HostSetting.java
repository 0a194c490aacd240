package dev.mesh.core.inventory;

import com.typesafe.config.Config;
import dev.mesh.core.config.SettingChecks;
import dev.mesh.core.config.TailscalePreference;
import dev.mesh.core.input.HostSpec;
import dev.mesh.core.input.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One key of an inventory entry, e.g. {@code port} or {@code tailscale.accept-routes}. Address and
 * tags belong to a host only; the others may also be inventory or tag defaults.
 */
public final class HostSetting {
    /** A tag: letters, digits, '_' and '-' (what Ansible leaves of a group name). */
    public static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,62}");

    public static final HostSetting ADDRESS = new HostSetting("address", true, null);
    public static final HostSetting PORT = new HostSetting("port", false, null);
    public static final HostSetting USER = new HostSetting("user", false, null);
    public static final HostSetting IDENTITY = new HostSetting("identity", false, null);
    public static final HostSetting TAGS = new HostSetting("tags", true, null);
    public static final HostSetting SKIP_SYNCTHING = new HostSetting("skip-syncthing", false, null);
    /** {@code syncthing.folders { ID = PATH }}: the folders {@code mesh syncthing pair} shares (null: not here). */
    public static final HostSetting SYNCTHING_FOLDERS = new HostSetting("syncthing.folders", false, null);
    /** A Syncthing folder ID mesh creates: letters, digits, '.', '_' and '-' (safe in a REST path). */
    public static final Pattern FOLDER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final List<HostSetting> ALL = all();

    private final String key;
    private final boolean hostOnly;
    private final TailscalePreference preference;

    private HostSetting(String key, boolean hostOnly, TailscalePreference preference) {
        this.key = key;
        this.hostOnly = hostOnly;
        this.preference = preference;
    }

    /** Every key, in the order {@code mesh host show} lists them. */
    public static List<HostSetting> values() {
        return ALL;
    }

    /** The key of a Tailscale preference, {@code tailscale.<key>}. */
    public static HostSetting of(TailscalePreference preference) {
        return ALL.stream().filter(s -> s.preference == preference).findFirst().orElseThrow();
    }

    /** The key within an entry, e.g. {@code tailscale.accept-routes}. */
    public String key() {
        return key;
    }

    /** Whether only a host's own entry may set it (address, tags). */
    public boolean hostOnly() {
        return hostOnly;
    }

    /** The Tailscale preference this key sets, or null. */
    public TailscalePreference preference() {
        return preference;
    }

    /**
     * Reads and checks the non-null value at {@code key} of {@code entry}.
     *
     * @return String (address, user, identity), Integer (port), Boolean, List of String, or a
     *         preference's value
     * @throws com.typesafe.config.ConfigException when the type is wrong
     * @throws IllegalArgumentException            when the value is not acceptable, saying why
     */
    public Object read(Config entry) {
        if (preference != null) {
            return preference.read(entry, key);
        }
        return switch (key) {
            case "address" -> address(entry.getString(key));
            case "port" -> SettingChecks.port(entry.getLong(key));
            case "user" -> SettingChecks.sshUser(entry.getString(key));
            case "identity" -> nonBlank(entry.getString(key));
            case "tags" -> List.copyOf(entry.getStringList(key)).stream().map(HostSetting::tag).toList();
            case "skip-syncthing" -> entry.getBoolean(key);
            case "syncthing.folders" -> folders(entry.getObject(key));
            default -> throw new IllegalStateException(key);
        };
    }

    /**
     * {@code ID = PATH} pairs (a null PATH: this folder is not shared here), in file order.
     *
     * @throws IllegalArgumentException for a bad folder ID or an empty path
     */
    private static Map<String, String> folders(com.typesafe.config.ConfigObject object) {
        Map<String, String> folders = new LinkedHashMap<>();
        object.forEach((id, value) -> {
            folderId(id);
            if (value.valueType() == com.typesafe.config.ConfigValueType.NULL) {
                folders.put(id, null);
            } else if (value.valueType() == com.typesafe.config.ConfigValueType.STRING) {
                folders.put(id, folderPath((String) value.unwrapped()));
            } else {
                throw new IllegalArgumentException("folder " + id + ": the path must be a string (or null)");
            }
        });
        return Collections.unmodifiableMap(folders);
    }

    /** A Syncthing folder ID mesh may create, or {@link IllegalArgumentException}. */
    public static String folderId(String id) {
        if (!FOLDER_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a folder ID mesh creates (letters, digits, '.', '_'"
                    + " and '-'; at most 64)");
        }
        return id;
    }

    /** A folder's path on a host: not empty, no control characters ({@code ~} is Syncthing's to expand). */
    public static String folderPath(String path) {
        if (path.isBlank() || path.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a folder path must not be empty or hold control characters");
        }
        return path;
    }

    /** A tag name, or {@link IllegalArgumentException}. */
    public static String tag(String tag) {
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("not a tag name (letters, digits, '_' and '-'; at most 63)");
        }
        return tag;
    }

    /** A host name or IP address to connect to (no user, no port), or {@link IllegalArgumentException}. */
    public static String address(String address) {
        try {
            HostSpec spec = HostSpec.parse(address);
            if (spec.user().isPresent()) {
                throw new IllegalArgumentException("an address has no user: set user separately");
            }
            return spec.host();
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException("not a host name or IP address");
        }
    }

    private static String nonBlank(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return text;
    }

    private static List<HostSetting> all() {
        List<HostSetting> all = new ArrayList<>(List.of(ADDRESS, PORT, USER, IDENTITY, TAGS, SKIP_SYNCTHING,
                SYNCTHING_FOLDERS));
        for (TailscalePreference p : TailscalePreference.values()) {
            all.add(new HostSetting("tailscale." + p.key(), false, p));
        }
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return key;
    }
}
