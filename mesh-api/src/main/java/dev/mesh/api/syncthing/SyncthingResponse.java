package dev.mesh.api.syncthing;

import java.util.Objects;

/**
 * What Syncthing's REST API answered: the HTTP status and body. Or, {@link #unavailable}, why there
 * was no Syncthing to ask (no config.xml yet, its GUI and REST API turned off, nothing answering on
 * the GUI address): a Syncthing that is still starting answers a moment later.
 */
public final class SyncthingResponse {
    private final int status;
    private final String body;
    private final String problem;

    private SyncthingResponse(int status, String body, String problem) {
        this.status = status;
        this.body = Objects.requireNonNull(body, "body");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** An HTTP answer. */
    public static SyncthingResponse of(int status, String body) {
        return new SyncthingResponse(status, body, "");
    }

    /** No Syncthing to ask; {@code problem} says why (shown to the operator; never the key). */
    public static SyncthingResponse unavailable(String problem) {
        return new SyncthingResponse(0, "", problem.isBlank() ? "Syncthing did not answer" : problem);
    }

    /** Whether Syncthing answered (any status). */
    public boolean available() {
        return problem.isEmpty();
    }

    /** Whether Syncthing answered with a 2xx status. */
    public boolean ok() {
        return available() && status >= 200 && status < 300;
    }

    /** The HTTP status; 0 when unavailable. */
    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    /** Why Syncthing could not be asked; empty when it answered. */
    public String problem() {
        return problem;
    }

    @Override
    public String toString() {
        return available() ? "SyncthingResponse[" + status + "]" : "SyncthingResponse[unavailable: " + problem + "]";
    }
}
