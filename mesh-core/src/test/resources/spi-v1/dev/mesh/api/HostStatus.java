package dev.mesh.api;

/**
 * What {@link OsProvisioner#inspect} found before any change is made.
 *
 * @param tailscaleInstalled whether the Tailscale CLI is already on the host
 * @param joined             whether tailscaled is Running and logged in to this run's login server,
 *                           so no key is needed and nothing about Tailscale will change
 * @param summary            a line for the operator, e.g. "Tailscale 1.80.2 installed, NeedsLogin"
 */
public record HostStatus(boolean tailscaleInstalled, boolean joined, String summary) {
}
