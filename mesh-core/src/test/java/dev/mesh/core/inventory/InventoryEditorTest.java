package dev.mesh.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.config.MeshConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryEditorTest {
    @TempDir
    Path dir;

    static HostDraft host(String name, Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new HostDraft(name, values);
    }

    @Test
    void addingAndRemovingKeepsEveryOtherEntryAndComment() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.conf"), InventoryReaderTest.EXAMPLE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        InventoryEditor editor = new InventoryEditor(file);
        editor.add(host("web2", "address", "192.0.2.11", "port", 2200, "tags", List.of("web"),
                "tailscale.accept-routes", false, "tailscale.advertise-tags", List.of("tag:web")), false);
        String text = Files.readString(file);
        assertTrue(text.startsWith(InventoryReaderTest.EXAMPLE.substring(0, InventoryReaderTest.EXAMPLE.indexOf("\"db.example.com\""))),
                text);
        assertTrue(text.contains("# the fleet") && text.contains("\"db.example.com\" { skip-syncthing = true, user = null }"), text);
        Inventory after = InventoryReader.read(file, true);
        assertEquals(List.of("db.example.com", "web1", "web2"), List.copyOf(after.hosts().keySet()));
        assertEquals(Optional.of(2200), after.host("web2").orElseThrow().get(HostSetting.PORT).orElseThrow().value());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        editor.remove("web1");
        String removed = Files.readString(file);
        assertFalse(removed.contains("web-1"), removed);
        assertTrue(removed.contains("# the fleet") && removed.contains("web2"), removed);
        assertEquals(List.of("db.example.com", "web2"), List.copyOf(InventoryReader.read(file, true).hosts().keySet()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(".hosts.conf.lock", "hosts.conf"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void duplicatesAndUnknownNamesAreRefusedAndTheFileStaysAsItWas() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.conf"), InventoryReaderTest.EXAMPLE);
        InventoryEditor editor = new InventoryEditor(file);
        MeshConfigException e = assertThrows(MeshConfigException.class,
                () -> editor.add(host("web1", "address", "x"), false));
        assertEquals("already in " + file + ": web1 (mesh host remove web1 first)", e.getMessage());
        assertEquals("no host named 'web9' in " + file,
                assertThrows(MeshConfigException.class, () -> editor.remove("web9")).getMessage());
        assertEquals(InventoryReaderTest.EXAMPLE, Files.readString(file));
        editor.add(host("web1", "address", "192.0.2.99"), true);
        assertEquals(Optional.of("192.0.2.99"), InventoryReader.read(file, true).host("web1").orElseThrow()
                .get(HostSetting.ADDRESS).orElseThrow().value());
    }

    @Test
    void aNewFileIsCreatedPrivateAndASymlinkStaysALink() throws IOException {
        Path real = dir.resolve("real").resolve("hosts.conf");
        Files.createDirectories(real.getParent());
        Path link = Files.createSymbolicLink(dir.resolve("hosts.conf"), real);
        new InventoryEditor(link).add(host("a", "address", "10.0.0.1"), false);
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        assertTrue(Files.readString(real).startsWith("# mesh inventory"), Files.readString(real));
        assertEquals(List.of("a"), List.copyOf(InventoryReader.read(link, true).hosts().keySet()));
    }

    @Test
    void concurrentAddsLoseNoEntry() throws Exception {
        Path file = dir.resolve("hosts.conf");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String name = "h" + i;
                done.add(pool.submit(() -> new InventoryEditor(file).add(host(name, "address", "10.0.0.1"), false)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(12, InventoryReader.read(file, true).hosts().size());
    }

    @Test
    void importAddsTagAndInventoryDefaultsAndRefusesClashes() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.conf"), "# mine\ntags.web.port = 2222\n");
        InventoryEditor editor = new InventoryEditor(file);
        editor.addAll(List.of(host("w1", "address", "10.0.0.1", "tags", List.of("web"))),
                Map.of("web", Map.of("user", "deploy")), Map.of("port", 22), false);
        Inventory inv = InventoryReader.read(file, true);
        assertEquals(Optional.of("deploy"), inv.tags().get("web").get(HostSetting.USER).orElseThrow().value());
        assertEquals(Optional.of(2222), inv.tags().get("web").get(HostSetting.PORT).orElseThrow().value());
        assertEquals(Optional.of(22), inv.defaults().get(HostSetting.PORT).orElseThrow().value());
        String before = Files.readString(file);
        MeshConfigException e = assertThrows(MeshConfigException.class, () -> editor.addAll(List.of(),
                Map.of("web", Map.of("port", 2200)), Map.of(), false));
        assertTrue(e.getMessage().contains("tags.web.port") && e.getMessage().contains("--replace"), e.getMessage());
        assertEquals(before, Files.readString(file));
        assertTrue(before.startsWith("# mine\n"));
    }
}
