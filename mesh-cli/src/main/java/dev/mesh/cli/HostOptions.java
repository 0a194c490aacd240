package dev.mesh.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** SSH flags shared by the commands that reach a host; each overrides one configuration key. */
final class HostOptions {
    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "SSH port; wins over ~/.ssh/config's Port, then mesh.ssh.port, then 22.")
    Integer port;

    @Option(names = {"-i", "--identity"}, paramLabel = "KEY",
            description = "Private key, like ssh -i: tried after ssh-agent's keys and before the ssh config's"
                    + " IdentityFile and mesh.ssh.identity.")
    Path identity;

    /** The configuration overrides these flags stand for. */
    Map<String, Object> overrides() {
        Map<String, Object> o = new LinkedHashMap<>();
        if (identity != null) {
            o.put("mesh.ssh.identity", identity.toString());
        }
        return o;
    }
}
