package dev.mesh.api.syncthing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX request script run for real (this machine's sh, sed and curl) against a stand-in for
 * Syncthing's REST API on the loopback: config.xml found where each Syncthing version keeps it,
 * the key from the XML in the X-API-Key header and in no process's arguments, the body byte for byte.
 */
class SyncthingRestScriptTest {
    private static final String KEY = "k3y&with<xml>chars0123456789";

    @TempDir
    Path home;
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/rest/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " key=" + exchange.getRequestHeaders()
                    .getFirst("X-API-Key") + " type=" + exchange.getRequestHeaders().getFirst("Content-Type") + " body=" + body);
            byte[] answer = ("{\"myID\":\"ABC\",\"echo\":" + (body.isEmpty() ? "null" : body) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key")) ? 200 : 403, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String config(String address) {
        return "<configuration version=\"37\">\n    <device id=\"ABC\" name=\"x\">\n        <address>dynamic</address>\n"
                + "    </device>\n    <gui enabled=\"true\" tls=\"false\" debugging=\"false\">\n        <address>" + address
                + "</address>\n        <apikey>" + KEY.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "</apikey>\n    </gui>\n</configuration>\n";
    }

    private void configAt(String dir) throws IOException {
        Path d = home.resolve(dir);
        Files.createDirectories(d);
        Files.writeString(d.resolve("config.xml"), config("0.0.0.0:" + server.getAddress().getPort()));
    }

    private CommandResult run(List<String> dirs, SyncthingRequest request, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", SyncthingRest.posixCommand(dirs, request));
        pb.environment().keySet().removeIf(k -> k.startsWith("XDG_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write(request.bodyBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return CommandResult.of(p.waitFor(), out, err);
    }

    private SyncthingResponse get(List<String> dirs, Map<String, String> env) throws Exception {
        return SyncthingRest.response(run(dirs, SyncthingRequest.get("/rest/system/status"), env), UnaryOperator.identity());
    }

    @Test
    void findsConfigXmlWhereEachSyncthingVersionKeepsIt() throws Exception {
        configAt(".local/state/syncthing"); // 1.27+ and 2.x, a new install
        assertEquals(200, get(SyncthingRest.LINUX_CONFIG_DIRS, Map.of()).status());
        Files.writeString(home.resolve(".local/state/syncthing/config.xml"), config("127.0.0.1:9")); // nothing there
        configAt(".config/syncthing"); // 1.19, and kept by 1.27+ when it exists: wins, as in lib/locations
        assertEquals(200, get(SyncthingRest.LINUX_CONFIG_DIRS, Map.of()).status());
        configAt("xdg-config/syncthing");
        Files.writeString(home.resolve(".config/syncthing/config.xml"), config("127.0.0.1:9"));
        assertEquals(200, get(SyncthingRest.LINUX_CONFIG_DIRS, Map.of("XDG_CONFIG_HOME", home + "/xdg-config")).status());
        configAt("Library/Application Support/Syncthing"); // macOS, a blank in the path
        assertEquals(200, get(SyncthingRest.MACOS_CONFIG_DIRS, Map.of()).status());
        assertTrue(seen.stream().allMatch(s -> s.contains(" key=" + KEY + " ")), "the key as the XML holds it: " + seen);
    }

    @Test
    void theBodyTravelsOnStandardInputAndTheKeyOnAPipe() throws Exception {
        configAt(".config/syncthing");
        String json = "{\"name\":\"bü'ro \\\"1\\\"\",\"addresses\":[\"tcp://100.64.0.8:22000\"]}";
        SyncthingResponse r = SyncthingRest.response(run(SyncthingRest.LINUX_CONFIG_DIRS,
                SyncthingRequest.patch("/rest/config/devices/ABC-DEF", json), Map.of()), UnaryOperator.identity());
        assertEquals(200, r.status());
        assertTrue(r.body().contains(json), r.body());
        assertEquals(List.of("PATCH /rest/config/devices/ABC-DEF key=" + KEY + " type=application/json body=" + json), seen);
        String command = SyncthingRest.posixCommand(SyncthingRest.LINUX_CONFIG_DIRS, SyncthingRequest.put("/rest/config/devices/X", json));
        assertFalse(command.contains(json), "the body is not on the command line");
        assertTrue(command.replace("'\\''", "'").contains("printf 'X-API-Key: %s\\n' \"$key\" | curl \"$@\""), command);
    }

    @Test
    void noConfigNoAnswerOrGuiOffIsUnavailableAndAnythingElseFails() throws Exception {
        SyncthingResponse none = get(SyncthingRest.LINUX_CONFIG_DIRS, Map.of());
        assertFalse(none.available());
        assertTrue(none.problem().contains("no Syncthing config.xml in " + home + "/.config/syncthing " + home
                + "/.local/state/syncthing"), none.problem());
        Path dir = Files.createDirectories(home.resolve(".config/syncthing"));
        Files.writeString(dir.resolve("config.xml"), config("127.0.0.1:9"));
        SyncthingResponse down = get(SyncthingRest.LINUX_CONFIG_DIRS, Map.of());
        assertFalse(down.available());
        assertTrue(down.problem().startsWith("curl: (7)"), down.problem());
        Files.writeString(dir.resolve("config.xml"), config("127.0.0.1:9").replace("enabled=\"true\"", "enabled=\"false\""));
        assertTrue(get(SyncthingRest.LINUX_CONFIG_DIRS, Map.of()).problem().contains("turned off"));
        StepFailedException e = assertThrows(StepFailedException.class,
                () -> SyncthingRest.response(CommandResult.of(6, "", "curl: (6) Could not resolve host"), UnaryOperator.identity()));
        assertEquals(FailureReason.SYNCTHING_PAIRING_FAILED, e.reason());
    }

    @Test
    void onlyTheEndpointsPairingNeedsCanBeAsked() {
        for (String path : List.of("/rest/config", "/rest/config/gui", "/rest/system/config", "/rest/config/devices/a/b",
                "/rest/config/folders/../gui", "/rest/db/status?folder=a b")) {
            assertThrows(IllegalArgumentException.class, () -> SyncthingRequest.get(path), path);
        }
        assertEquals("/rest/db/status?folder=shared", SyncthingRequest.get("/rest/db/status?folder=shared").path());
    }
}
