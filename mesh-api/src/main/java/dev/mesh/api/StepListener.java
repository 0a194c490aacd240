package dev.mesh.api;

/**
 * Receives progress while a host is provisioned. mesh-cli renders these as the seed's coloured
 * lines; plugins never print. No message may contain a secret.
 */
public interface StepListener {

    /** A state of the provisioning sequence began, e.g. "Install Tailscale". */
    void section(String title);

    /** A status update (ℹ). */
    void info(String message);

    /** Something succeeded (✓). */
    void ok(String message);

    /** Something is wrong but provisioning goes on (⚠). */
    void warn(String message);
}
