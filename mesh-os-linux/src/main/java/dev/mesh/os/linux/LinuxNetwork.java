package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.tailscale.ConnectionPath;
import java.util.ArrayList;
import java.util.List;

/**
 * How mesh's SSH connection reaches a Linux host: {@code SSH_CONNECTION} (set by OpenSSH's sshd for
 * every session) and the host's directly connected networks, read from the kernel's routing tables
 * ({@code /proc/net/route}, {@code /proc/net/ipv6_route}; proc(5)), which need no {@code ip} command
 * (minimal containers lack iproute2).
 */
final class LinuxNetwork {
    private static final String MARK = "@@mesh:routes";
    static final String COMMAND = "printf '%s\\n' \"${SSH_CONNECTION:-}\"; echo '" + MARK + "';"
            + " cat /proc/net/route /proc/net/ipv6_route 2>/dev/null; true";

    private LinuxNetwork() {
    }

    static ConnectionPath connectionPath(LinuxShell shell) {
        CommandResult r = shell.probe(COMMAND);
        String out = r.stdout();
        int mark = out.indexOf(MARK);
        String ssh = mark < 0 ? "" : out.substring(0, mark).strip();
        return ConnectionPath.fromSshConnection(ssh, mark < 0 ? List.of() : onLink(out.substring(mark + MARK.length())));
    }

    /**
     * The directly connected prefixes (no gateway) in {@code /proc/net/route} (IPv4: destination and
     * mask as little-endian hex) and {@code /proc/net/ipv6_route} (destination hex, prefix length hex,
     * next hop all zeros).
     */
    static List<String> onLink(String tables) {
        List<String> prefixes = new ArrayList<>();
        for (String line : tables.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            try {
                if (f.length >= 8 && f[1].matches("[0-9A-Fa-f]{8}") && f[2].matches("0{8}") && !f[1].equals("00000000")) {
                    prefixes.add(ipv4(f[1]) + "/" + Long.bitCount(Long.parseLong(f[7], 16)));
                } else if (f.length >= 10 && f[0].matches("[0-9a-f]{32}") && f[4].matches("0{32}")
                        && !f[1].equals("00") && !f[1].equals("80") && !f[0].startsWith("fe80")) {
                    prefixes.add(ipv6(f[0]) + "/" + Integer.parseInt(f[1], 16));
                }
            } catch (NumberFormatException e) {
                // not a routing table line
            }
        }
        return prefixes;
    }

    private static String ipv4(String littleEndianHex) {
        long v = Long.parseLong(littleEndianHex, 16);
        return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff);
    }

    private static String ipv6(String hex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 32; i += 4) {
            sb.append(i == 0 ? "" : ":").append(Integer.toHexString(Integer.parseInt(hex.substring(i, i + 4), 16)));
        }
        return sb.toString();
    }
}
