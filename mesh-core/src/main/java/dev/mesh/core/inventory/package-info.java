/**
 * The host inventory ({@code hosts.conf}, HOCON): hosts by name with their address, SSH login,
 * tags and Tailscale preferences; defaults for every host and per tag. {@link
 * dev.mesh.core.inventory.InventoryReader} reads and checks a file, {@link
 * dev.mesh.core.inventory.HostResolver} applies the precedence rules and says where each value came
 * from, {@link dev.mesh.core.inventory.InventoryEditor} changes the file keeping its comments, and
 * {@link dev.mesh.core.inventory.AnsibleIniParser} reads an Ansible INI inventory for
 * {@code mesh host import}.
 */
package dev.mesh.core.inventory;
