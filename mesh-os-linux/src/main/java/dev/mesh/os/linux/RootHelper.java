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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The root helper {@code mesh remote prepare} installs at {@link #PATH}: a POSIX sh script
 * (resource {@code mesh-root.sh}) that runs exactly the {@link RootOp}s, checking every argument on
 * its own. Rendered from the plugin's settings: the install script's URL, TRACK and version, or the
 * sha256 of the upload file, are pinned into it, since the operator chose them while giving the
 * sudo password. Its {@code check} operation prints a pin (a hash of the rendered script), so a
 * later run can tell whether the host's helper matches the current settings.
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
     */
    record Layout(String path, String tmpDir, String tailscaledLog) {
        static final Layout HOST = new Layout("/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/sbin:/usr/local/bin", "/tmp",
                TailscaledService.LOG);
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
     * Renders the helper for {@code settings}.
     *
     * @throws UncheckedIOException when the upload file cannot be read to pin its sha256
     */
    static Script render(LinuxSettings settings, Layout layout) {
        boolean upload = settings.installMethod() == LinuxSettings.InstallMethod.UPLOAD;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PATH", layout.path());
        values.put("TMP_DIR", layout.tmpDir());
        values.put("INSTALL_METHOD", upload ? "upload" : "script");
        values.put("SCRIPT_URL", upload ? "" : settings.scriptUrl().toString());
        values.put("PIN_TRACK", settings.track());
        values.put("PIN_VERSION", settings.version());
        values.put("UPLOAD_SUFFIX", upload ? LinuxSettings.UploadKind.of(settings.uploadFile().orElseThrow()).orElseThrow().suffix : "");
        values.put("UPLOAD_SHA256", upload ? sha256(settings.uploadFile().orElseThrow()) : "");
        values.put("APT_LOCK", String.valueOf(RootCommand.aptLockSeconds(settings)));
        values.put("TAILSCALED_LOG", layout.tailscaledLog());
        String text = template();
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = assign(text, v.getKey(), v.getValue());
        }
        String pin = sha256(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        return new Script(assign(text, "PIN", pin), pin);
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
