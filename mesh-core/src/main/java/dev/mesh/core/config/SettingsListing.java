package dev.mesh.core.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every leaf under {@code mesh} with its origin, including the unset (null) ones. */
final class SettingsListing {
    private final List<EffectiveSetting> settings;

    private SettingsListing(List<EffectiveSetting> settings) {
        this.settings = List.copyOf(settings);
    }

    /**
     * @param restFromApiKey whether {@code mesh.headscale.source} is REST because an API key was given
     *                       and no source chosen
     */
    static SettingsListing of(SettingsReader r, boolean restFromApiKey) {
        List<EffectiveSetting> all = new ArrayList<>();
        if (r.config().hasPath("mesh") && r.config().getValue("mesh").valueType() == ConfigValueType.OBJECT) {
            walk("mesh", r.config().getObject("mesh"), r, all);
        }
        if (restFromApiKey) {
            all.replaceAll(s -> s.key().equals("mesh.headscale.source") ? new EffectiveSetting(s.key(), "rest",
                    Origin.byDefault("an API key is given and no source was chosen")) : s);
        }
        return new SettingsListing(all);
    }

    List<EffectiveSetting> settings() {
        return settings;
    }

    private static void walk(String path, ConfigObject object, SettingsReader r, List<EffectiveSetting> out) {
        for (Map.Entry<String, ConfigValue> e : new TreeMap<>(object).entrySet()) {
            String child = path + "." + ConfigUtil.joinPath(e.getKey());
            ConfigValue value = e.getValue();
            if (value.valueType() == ConfigValueType.OBJECT && !((ConfigObject) value).isEmpty()) {
                walk(child, (ConfigObject) value, r, out);
            } else {
                out.add(new EffectiveSetting(child, value.unwrapped(), r.origin(value.origin())));
            }
        }
    }
}
