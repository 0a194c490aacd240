/**
 * Text from hosts and servers, and the secrets mesh holds: {@link dev.mesh.core.text.DisplayText} is the
 * one place text is made safe to show (secrets scrubbed, control characters escaped, lengths capped),
 * {@link dev.mesh.core.text.LiveSecrets} the process-wide registry of secrets,
 * {@link dev.mesh.core.text.SafeLogStream} the same rules for log output, and
 * {@link dev.mesh.core.text.ShellWords} splits a command written as one string into words as sh does.
 */
package dev.mesh.core.text;
