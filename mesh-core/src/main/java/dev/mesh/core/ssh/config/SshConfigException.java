package dev.mesh.core.ssh.config;

import dev.mesh.core.input.InvalidInputException;
import java.nio.file.Path;

/**
 * The OpenSSH client config cannot be used: a file that is not a regular file, an include loop,
 * bad owner or permissions, a line OpenSSH would reject. Raised while resolving a host, before any
 * connection (exit code 2); the message names the file and line.
 */
public class SshConfigException extends InvalidInputException {
    public SshConfigException(String message) {
        super(message);
    }

    static SshConfigException at(Path file, int line, String problem) {
        return new SshConfigException("ssh config " + file + " line " + line + ": " + problem);
    }
}
