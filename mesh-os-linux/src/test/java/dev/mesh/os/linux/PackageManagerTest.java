package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackageManagerTest {

    @Test
    void idBeatsIdLike() {
        // an imaginary distro whose own id is known wins over what it is like
        OsRelease release = new OsRelease("fedora", "40", List.of("debian"));
        assertEquals(Optional.of(PackageManager.DNF), PackageManager.choose(release, Set.of()));
    }

    @Test
    void unknownIdFallsBackToIdLikeInOrder() {
        OsRelease release = new OsRelease("myrhel", "9", List.of("unknown", "rhel", "debian"));
        assertEquals(Optional.of(PackageManager.DNF), PackageManager.choose(release, Set.of()));
    }

    @Test
    void dnfDistributionWithOnlyYumGetsYum() {
        OsRelease centos7 = new OsRelease("centos", "7", List.of("rhel", "fedora"));
        assertEquals(Optional.of(PackageManager.YUM), PackageManager.choose(centos7, Set.of("yum")));
        assertEquals(Optional.of(PackageManager.DNF), PackageManager.choose(centos7, Set.of("yum", "dnf")));
    }

    @Test
    void unknownDistributionUsesThePresentExecutable() {
        OsRelease release = new OsRelease("homebrewed", "1", List.of());
        assertEquals(Optional.of(PackageManager.ZYPPER), PackageManager.choose(release, Set.of("zypper")));
        assertTrue(PackageManager.choose(release, Set.of()).isEmpty());
    }

    @Test
    void byIdRoundTrips() {
        for (PackageManager pm : PackageManager.values()) {
            assertEquals(Optional.of(pm), PackageManager.byId(pm.id()));
        }
        assertTrue(PackageManager.byId("").isEmpty());
    }
}
