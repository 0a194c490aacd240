package dev.mesh.core.plugin;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.DetectionProbe;
import dev.mesh.api.OsDetector;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.SyncthingSupport;
import dev.mesh.api.tailscale.TailscaleStatus;
import java.util.List;
import java.util.Optional;

/** Minimal plugin classes that the loader tests list in throwaway jars' services files. */
final class TestPlugins {
    private TestPlugins() {
    }

    /** A provisioner whose every step is a no-op; only its identity matters to the loader. */
    public static class AlphaProvisioner implements OsProvisioner, SyncthingSupport {
        @Override
        public String id() {
            return "alpha";
        }

        @Override
        public String family() {
            return "alphaos";
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public Preflight inspect(ProvisioningContext ctx) {
            return Preflight.notInstalled("alpha");
        }

        @Override
        public void installTailscale(ProvisioningContext ctx) {
        }

        @Override
        public ConnectResult connect(ProvisioningContext ctx) {
            return ConnectResult.connected("alpha");
        }

        @Override
        public TailscaleStatus verify(ProvisioningContext ctx) {
            return TailscaleStatus.of("Running", List.of("100.64.0.1"));
        }

        @Override
        public boolean installSyncthing(ProvisioningContext ctx) {
            return false;
        }
    }

    /** Another class claiming the id "alpha". */
    public static class AlphaTwinProvisioner extends AlphaProvisioner {
    }

    /** Built against a newer minor of this SPI. */
    public static class FutureProvisioner extends AlphaProvisioner {
        @Override
        public String id() {
            return "future";
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT + 1;
        }
    }

    /** Built against another major. */
    public static class NextMajorProvisioner extends AlphaProvisioner {
        @Override
        public int spiVersion() {
            return (SpiVersion.MAJOR + 1) * 1000;
        }
    }

    /** Fails in its id(), the first plugin method mesh calls: a bug or a linkage problem, reported, not thrown. */
    public static class CrashingProvisioner extends AlphaProvisioner {
        @Override
        public String id() {
            throw new NoSuchMethodError("'java.lang.String dev.mesh.api.Gone.id()'");
        }
    }

    /** Cannot be instantiated. */
    public static class BrokenProvisioner extends AlphaProvisioner {
        public BrokenProvisioner() {
            throw new IllegalStateException("broken on purpose");
        }
    }

    public static class LateDetector implements OsDetector {
        @Override
        public String id() {
            return "late";
        }

        @Override
        public int order() {
            return 500;
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public Optional<DetectedOs> detect(DetectionProbe probe) {
            return Optional.empty();
        }
    }

    public static class EarlyDetector extends LateDetector {
        @Override
        public String id() {
            return "early";
        }

        @Override
        public int order() {
            return 5;
        }
    }
}
