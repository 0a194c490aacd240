package dev.mesh.api;

/**
 * Thrown by a plugin step that cannot go on. mesh-core turns it into an EXIT_ERROR outcome that
 * shows the reason's message, this exception's detail (e.g. the command's output) and the hint.
 * The detail must not contain a secret.
 */
public class StepFailedException extends RuntimeException {
    private final FailureReason reason;
    private final String hint;

    public StepFailedException(FailureReason reason, String detail) {
        this(reason, detail, reason.hint());
    }

    /** With a hint more specific than the reason's own. */
    public StepFailedException(FailureReason reason, String detail, String hint) {
        super(detail);
        this.reason = reason;
        this.hint = hint;
    }

    public FailureReason reason() {
        return reason;
    }

    public String hint() {
        return hint;
    }
}
