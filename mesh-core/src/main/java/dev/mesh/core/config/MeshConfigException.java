package dev.mesh.core.config;

/**
 * A setting is missing, has the wrong type or a bad value, or a configuration file cannot be read.
 * The message names where the value came from: file and line, environment variable, or flag.
 */
public class MeshConfigException extends RuntimeException {
    public MeshConfigException(String message) {
        super(message);
    }

    public MeshConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
