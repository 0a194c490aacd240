package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsReleaseTest {

    static final String DEBIAN_12 = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            HOME_URL="https://www.debian.org/"
            """;
    static final String UBUNTU_2404 = """
            PRETTY_NAME="Ubuntu 24.04.1 LTS"
            NAME="Ubuntu"
            VERSION_ID="24.04"
            ID=ubuntu
            ID_LIKE=debian
            UBUNTU_CODENAME=noble
            """;
    static final String FEDORA_40 = """
            NAME="Fedora Linux"
            VERSION="40 (Server Edition)"
            ID=fedora
            VERSION_ID=40
            PLATFORM_ID="platform:f40"
            """;
    static final String ROCKY_9 = """
            NAME="Rocky Linux"
            VERSION="9.4 (Blue Onyx)"
            ID="rocky"
            ID_LIKE="rhel centos fedora"
            VERSION_ID="9.4"
            """;
    static final String OPENSUSE_LEAP = """
            NAME="openSUSE Leap"
            VERSION="15.6"
            ID="opensuse-leap"
            ID_LIKE="suse opensuse"
            VERSION_ID="15.6"
            """;
    static final String ARCH = """
            NAME="Arch Linux"
            PRETTY_NAME="Arch Linux"
            ID=arch
            BUILD_ID=rolling
            """;
    static final String ALPINE = """
            NAME="Alpine Linux"
            ID=alpine
            VERSION_ID=3.20.3
            PRETTY_NAME="Alpine Linux v3.20"
            """;
    static final String MINT = """
            NAME="Linux Mint"
            ID=linuxmint
            ID_LIKE="ubuntu debian"
            VERSION_ID="22"
            """;

    @ParameterizedTest
    @CsvSource({
            "DEBIAN_12, debian, 12, ''",
            "UBUNTU_2404, ubuntu, 24.04, debian",
            "FEDORA_40, fedora, 40, ''",
            "ROCKY_9, rocky, 9.4, rhel centos fedora",
            "OPENSUSE_LEAP, opensuse-leap, 15.6, suse opensuse",
            "ARCH, arch, '', ''",
            "ALPINE, alpine, 3.20.3, ''",
            "MINT, linuxmint, 22, ubuntu debian"})
    void parsesRealFiles(String sample, String id, String version, String like) throws Exception {
        String text = (String) OsReleaseTest.class.getDeclaredField(sample).get(null);
        OsRelease release = OsRelease.parse(text);
        assertEquals(id, release.id());
        assertEquals(version, release.versionId());
        assertEquals(like.isEmpty() ? List.of() : List.of(like.split(" ")), release.idLike());
    }

    @Test
    void unquotesDoubleAndSingleQuotesAndEscapes() {
        var fields = OsRelease.fields("""
                # a comment
                NAME="My \\"Distro\\" \\$HOME \\\\ done"
                ID='my-distro'
                VARIANT="it's"
                BROKEN LINE WITHOUT EQUALS
                  VERSION_ID = "7"
                """);
        assertEquals("My \"Distro\" $HOME \\ done", fields.get("NAME"));
        assertEquals("my-distro", fields.get("ID"));
        assertEquals("it's", fields.get("VARIANT"));
        assertEquals("7", fields.get("VERSION_ID"));
        assertEquals(4, fields.size());
    }

    @Test
    void idIsLowerCasedAndCrLfTolerated() {
        OsRelease release = OsRelease.parse("ID=\"Debian\"\r\nVERSION_ID=12\r\n");
        assertEquals("debian", release.id());
        assertEquals("12", release.versionId());
    }

    @Test
    void emptyTextGivesEmptyFields() {
        assertEquals(OsRelease.EMPTY, OsRelease.parse(""));
    }

    @ParameterizedTest
    @CsvSource({
            "DEBIAN_12, apt", "UBUNTU_2404, apt", "MINT, apt", "FEDORA_40, dnf", "ROCKY_9, dnf",
            "OPENSUSE_LEAP, zypper", "ARCH, pacman", "ALPINE, apk"})
    void packageManagerFollowsIdThenIdLike(String sample, String expected) throws Exception {
        String text = (String) OsReleaseTest.class.getDeclaredField(sample).get(null);
        assertEquals(expected, PackageManager.choose(OsRelease.parse(text), Set.of()).orElseThrow().id());
    }
}
