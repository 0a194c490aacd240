/**
 * Runs programs on the local machine (the operator's machine, e.g. the {@code headscale} CLI) through
 * Apache Commons Exec, with a timeout and captured output.
 */
package dev.mesh.core.exec;
