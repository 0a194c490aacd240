package dev.mesh.core.input;

/** A host, port, URL or other operator input is malformed; raised before any connection is opened. */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
