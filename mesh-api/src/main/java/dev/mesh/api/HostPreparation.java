package dev.mesh.api;

/**
 * Capability: one-time preparation of a host ({@code mesh remote prepare}), with the account's sudo
 * password, so that later runs need none, e.g. narrowly scoped sudo rules. The PREPARING state.
 */
public non-sealed interface HostPreparation extends Capability {

    /**
     * Prepares the host. Idempotent. No auth key exists in this run: {@link ProvisioningContext#authKey()}
     * throws.
     *
     * @param sudoPassword the password, to be sent only on a command's standard input
     * @return true when anything changed on the host
     * @throws StepFailedException with {@link FailureReason#PREPARE_FAILED} when it cannot be done
     */
    boolean prepare(ProvisioningContext ctx, Secret sudoPassword);
}
