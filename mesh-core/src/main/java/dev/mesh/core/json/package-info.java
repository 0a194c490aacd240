/**
 * JSON from hosts and servers, read with Jackson within bounds (size, depth, string and number length):
 * {@link dev.mesh.core.json.JsonObjects}.
 */
package dev.mesh.core.json;
