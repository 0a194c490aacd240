/**
 * What mesh knows about the Tailscale CLI that is the same on every OS, for plugins to call: reading
 * {@code tailscale status --json} ({@link dev.mesh.api.tailscale.TailscaleStatus}), the preferences
 * mesh may set ({@link dev.mesh.api.tailscale.TailscalePreferences}), the arguments of {@code up} and
 * {@code set} ({@link dev.mesh.api.tailscale.TailscaleArguments}), the control-URL comparison
 * ({@link dev.mesh.api.tailscale.ControlServers}), and the steps built on them: the joined decision,
 * {@code up} with the key on standard input, verification ({@link dev.mesh.api.tailscale.Tailscale}).
 * A plugin supplies only how its OS runs the CLI: a {@link dev.mesh.api.tailscale.TailscaleCli}.
 * Facts: {@code cmd/tailscale/cli} (up.go, set.go, status.go) and {@code ipn/ipnstate}.
 */
package dev.mesh.api.tailscale;
