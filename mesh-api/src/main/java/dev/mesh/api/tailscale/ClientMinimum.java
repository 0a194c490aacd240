package dev.mesh.api.tailscale;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oldest Tailscale client a Headscale release accepts; an older client is refused when it logs
 * in. Read from juanfont/headscale: {@code hscontrol/capver/capver_generated.go}'s
 * {@code MinSupportedCapabilityVersion} mapped to a Tailscale release (0.25–0.26: capability 88 =
 * 1.62, 0.27: 90 = 1.64, 0.28: 106 = 1.74, 0.29: 113 = 1.80) and, before the capver package, the
 * CHANGELOG (0.23: "the oldest supported client is 1.42"; 0.24: "remove versions older than 1.56").
 * Releases after the newest known one are taken to need at least what it needs.
 */
public final class ClientMinimum {
    private static final Pattern HEADSCALE = Pattern.compile("^v?(\\d{1,4})\\.(\\d{1,4})");
    /** Indexed by Headscale's minor version (major 0), from 0.23. */
    private static final int[][] OLDEST = {
        {23, 1, 42}, {24, 1, 56}, {25, 1, 62}, {26, 1, 62}, {27, 1, 64}, {28, 1, 74}, {29, 1, 80},
    };

    private ClientMinimum() {
    }

    /**
     * The oldest Tailscale client Headscale {@code headscaleVersion} (e.g. {@code 0.28.0} or
     * {@code v0.26.1}) accepts; empty for releases before 0.23 (no minimum mesh knows) and for text
     * that is no version.
     */
    public static Optional<TailscaleVersion> forHeadscale(String headscaleVersion) {
        Matcher m = HEADSCALE.matcher(headscaleVersion == null ? "" : headscaleVersion.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major == 0 && minor < OLDEST[0][0]) {
            return Optional.empty();
        }
        int[] row = OLDEST[OLDEST.length - 1];
        for (int[] known : OLDEST) {
            if (major == 0 && known[0] == minor) {
                row = known;
            }
        }
        return Optional.of(TailscaleVersion.of(row[1], row[2], 0));
    }
}
