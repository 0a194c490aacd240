package dev.mesh.api;

import java.util.Objects;

/**
 * The machine being provisioned, as mesh reaches it over SSH.
 *
 * @param user    the SSH login user
 * @param address the host name or IP address SSH connects to
 * @param port    the SSH port, 1 to 65535
 */
public record TargetHost(String user, String address, int port) {
    public TargetHost {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
    }

    /**
     * {@code user@address:port} ({@code :22} left out), for messages; an IPv6 address in brackets when a
     * port follows, as ssh:// URLs write it ({@code steve@[::1]:2222}), so the port cannot be read as
     * part of the address.
     */
    public String display() {
        if (port == 22) {
            return user + "@" + address;
        }
        return user + "@" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
