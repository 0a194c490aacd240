package dev.mesh.os.linux;

import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import java.util.regex.Pattern;

/**
 * The sudoers file {@code mesh remote prepare} installs at {@link #PATH}: one account may run the
 * root helper ({@link RootHelper#PATH}), with any arguments, without a password; nothing else.
 * The helper decides which arguments it accepts.
 */
final class SudoRules {
    /**
     * sudo reads /etc/sudoers.d in lexical order and the LAST matching rule wins: a file named
     * "mesh" would lose to a later "steve" file granting ALL with a password (seen on a real host),
     * so the name sorts after any ordinary one.
     */
    static final String PATH = "/etc/sudoers.d/zz-mesh";
    /** What the seed's prepare wrote: wildcard rules that amount to full root. Removed by prepare. */
    static final String LEGACY_PATH = "/etc/sudoers.d/mesh-provisioning";
    /** A user name sudoers takes as a plain word (Debian's adduser default and then some). */
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]*");

    private SudoRules() {
    }

    /**
     * The file's text.
     *
     * @throws StepFailedException when {@code user} is not a plain user name
     */
    static String forUser(String user) {
        if (!USER.matcher(user).matches()) {
            throw new StepFailedException(FailureReason.PREPARE_FAILED, "mesh writes sudo rules only for plain user names "
                    + "(lower-case letters, digits, _ and -), not '" + user + "'",
                    "Provision the host as root, or with an account that has password-less sudo.");
        }
        return "# Written by `mesh remote prepare`: lets " + user + " run mesh's root helper, and nothing else,\n"
                + "# without a password. The helper runs only the operations mesh needs. Remove this file to undo.\n"
                + user + " ALL=(root) NOPASSWD: " + RootHelper.PATH + "\n";
    }
}
