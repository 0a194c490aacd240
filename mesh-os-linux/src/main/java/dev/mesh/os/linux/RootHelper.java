package dev.mesh.os.linux;

import static dev.mesh.os.linux.LinuxShell.q;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The root helper {@code mesh remote prepare} installs at {@link #PATH}: a POSIX sh script
 * (resource {@code mesh-root.sh}) that runs exactly the {@link RootOp}s, checking every argument on
 * its own. Rendered from the plugin's settings and the run's {@link Pins}: the install script's URL,
 * TRACK and version, or the sha256 of the upload file; the login server {@code tailscale up} may use;
 * the preference flags {@code up} and {@code set} may pass; whether {@code --reset} may be passed;
 * userspace networking. They are pinned into it since the operator chose them while giving the
 * sudo password; the helper refuses anything else. Its {@code check} operation prints the pins
 * ({@link Pins#parse}), so a later run can tell, before minting a key, whether the host's helper
 * matches this run.
 */
final class RootHelper {
    static final String DIR = "/usr/local/libexec/mesh";
    static final String PATH = DIR + "/mesh-root";
    private static final String TEMPLATE = "mesh-root.sh";

    /**
     * Where the helper finds programs and files; only tests use anything but {@link #HOST}.
     *
     * @param path          the helper's PATH
     * @param tmpDir        where mesh uploads install files ({@link TempPath})
     * @param tailscaledLog where a background tailscaled writes its output
     * @param defaults      tailscaled.service's environment file, whose FLAGS userspace networking extends
     */
    record Layout(String path, String tmpDir, String tailscaledLog, String defaults) {
        static final Layout HOST = new Layout("/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/sbin:/usr/local/bin", "/tmp",
                TailscaledService.LOG, TailscaledService.DEFAULTS);
    }

    /**
     * What a prepared host's helper allows beyond the install settings.
     *
     * @param loginServer the login server for {@code tailscale up}; empty: any http(s) URL (prepared without one)
     * @param preferences the preference flags {@code up} and {@code set} may pass, each {@code --name=value}
     * @param reset       whether {@code up --reset} may run
     * @param userspace   whether tailscaled runs with {@code --tun=userspace-networking}
     * @param install     a hash of the install settings ({@link #installPin}); empty when not told
     */
    record Pins(String loginServer, List<String> preferences, boolean reset, boolean userspace, String install) {
        Pins {
            preferences = List.copyOf(preferences);
        }

        /**
         * What {@code check} printed after its first line ({@code login-server URL}, {@code reset yes},
         * {@code userspace no}, {@code install HASH}, {@code preference --name=value} lines); empty for
         * a helper of an older mesh, which prints only its pin.
         */
        static Optional<Pins> parse(String checkOutput) {
            Map<String, String> single = new LinkedHashMap<>();
            List<String> prefs = new ArrayList<>();
            for (String line : checkOutput.split("\\R")) {
                int space = line.indexOf(' ');
                String key = space < 0 ? line : line.substring(0, space);
                String value = space < 0 ? "" : line.substring(space + 1);
                if (key.equals("preference")) {
                    prefs.add(value);
                } else {
                    single.put(key, value);
                }
            }
            if (!single.containsKey("login-server") || !single.containsKey("reset") || !single.containsKey("userspace")) {
                return Optional.empty();
            }
            return Optional.of(new Pins(single.get("login-server"), prefs, "yes".equals(single.get("reset")),
                    "yes".equals(single.get("userspace")), single.getOrDefault("install", "")));
        }
    }

    /** The rendered helper and the pin its {@code check} prints. */
    record Script(String text, String pin) {
        byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private RootHelper() {
    }

    /**
     * Renders the helper for {@code settings} and {@code pins} (whose {@code userspace} and
     * {@code install} are taken from the settings).
     *
     * @throws UncheckedIOException when the upload file cannot be read to pin its sha256
     */
    static Script render(LinuxSettings settings, Pins pins, Layout layout) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PATH", layout.path());
        values.put("TMP_DIR", layout.tmpDir());
        values.putAll(install(settings));
        values.put("TAILSCALED_LOG", layout.tailscaledLog());
        values.put("TAILSCALED_DEFAULTS", layout.defaults());
        values.put("INSTALL_PIN", installPin(settings));
        values.put("LOGIN_SERVER", pins.loginServer());
        values.put("PREF_FLAGS", String.join("\n", pins.preferences()));
        values.put("PIN_RESET", pins.reset() ? "yes" : "no");
        values.put("USERSPACE", settings.userspaceNetworking() ? "yes" : "no");
        String text = template();
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = assign(text, v.getKey(), v.getValue());
        }
        String pin = sha256(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        return new Script(assign(text, "PIN", pin), pin);
    }

    /**
     * A hash of the install settings the helper pins: it tells a later run whether installing would
     * still work the way it is configured now.
     *
     * @throws UncheckedIOException when the upload file cannot be read
     */
    static String installPin(LinuxSettings settings) {
        return sha256(install(settings).toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static Map<String, String> install(LinuxSettings settings) {
        boolean upload = settings.installMethod() == LinuxSettings.InstallMethod.UPLOAD;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("INSTALL_METHOD", upload ? "upload" : "script");
        values.put("SCRIPT_URL", upload ? "" : settings.scriptUrl().toString());
        values.put("PIN_TRACK", settings.track());
        values.put("PIN_VERSION", settings.version());
        values.put("UPLOAD_SUFFIX", upload ? LinuxSettings.UploadKind.of(settings.uploadFile().orElseThrow()).orElseThrow().suffix : "");
        values.put("UPLOAD_SHA256", upload ? sha256(settings.uploadFile().orElseThrow()) : "");
        values.put("APT_LOCK", String.valueOf(RootCommand.aptLockSeconds(settings)));
        return values;
    }

    /** Replaces the template line {@code NAME=@NAME@} with {@code NAME='value'}. */
    private static String assign(String text, String name, String value) {
        String placeholder = "\n" + name + "=@" + name + "@\n";
        if (!text.contains(placeholder)) {
            throw new IllegalStateException(TEMPLATE + " has no line " + name + "=@" + name + "@");
        }
        return text.replace(placeholder, "\n" + name + "=" + q(value) + "\n");
    }

    private static String template() {
        try (InputStream in = RootHelper.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the plugin jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + " to pin its sha256", e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
