package dev.mesh.cli.realhost;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class whose tests share one real Debian host (bookworm, password-less sudo), started before
 * the first and removed after the last, taking it through runs in order.
 */
abstract class SharedLinuxHost {
    static LinuxHost host;

    @BeforeAll
    static void startHost() {
        host = LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.NOPASSWD), 0);
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
            host = null;
        }
    }
}
