// Stands in for a hostile Linux host: a real Debian container (OpenSSH, sudo) whose os-release, `uname` and a `tailscale` CLI double answer with escape sequences, deep or huge JSON, endless output, or never, as whoever controls a host can make them.
package dev.mesh.cli.realhost.hostile;

import dev.mesh.cli.realhost.HostImage;
import dev.mesh.cli.realhost.LinuxHost;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A reusable hostile-host fixture on the real Debian test containers ({@code mesh-test/sshd:bookworm}):
 * start one per test class, then choose per test what the host answers. Everything is set up as root
 * through {@code docker exec}, so mesh sees only what an attacker on the host could arrange:
 * <ul>
 *   <li>{@link #osRelease(String)}: {@code /etc/os-release} with any bytes (escape sequences, OSC 52);</li>
 *   <li>{@link #unameMachine(String)}: {@code uname -m} (a wrapper in /usr/local/bin, first on sshd's
 *       PATH; {@code uname -s} still says Linux so detection goes on);</li>
 *   <li>{@link #tailscale(Answer)}: a {@code tailscale} CLI double in /usr/local/bin whose
 *       {@code status --json} answers as {@link Answer} says; {@code version} prints 1.80.2.</li>
 * </ul>
 * Other engineers' tests can reuse it for the SSH transport (output caps, timeouts) and the plugins.
 */
public final class HostileHost implements AutoCloseable {
    /** What {@code tailscale status --json} answers. */
    public enum Answer {
        /** {@code {"a":} ×1000, 1, {@code }} ×1000: 6 KB that overflowed the old recursive parser. */
        DEEP_JSON("yes '{\"a\":' | head -n 1000 | tr -d '\\n'; printf 1; yes '}' | head -n 1000 | tr -d '\\n'; echo"),
        /** A well-formed 8 MiB answer: twice the JSON size bound. */
        HUGE_JSON("printf '{\"BackendState\":\"Running\",\"x\":\"'; head -c 8388608 /dev/zero | tr '\\0' x; echo '\"}'"),
        /** Output that never ends. */
        ENDLESS("exec yes '{\"BackendState\":\"Running\"},'"),
        /** Never answers and never exits. */
        NEVER_EXITS("exec sleep 2147483647"),
        /** A Running node whose name, addresses and health messages carry escape sequences. */
        ESCAPES("printf '{\"BackendState\":\"Running\",\"TailscaleIPs\":[\"100.64.0.7\\\\u001b[2J\"],\"Self\":"
                + "{\"HostName\":\"web\\\\u001b]52;c;ZWNobyBwd25lZAo=\\\\u0007\",\"Online\":true,\"TailscaleIPs\":"
                + "[\"100.64.0.7\"]},\"Health\":[\"\\\\u001b[1A\\\\u001b[2K\\\\u2713 all good\\\\u202e\"]}\\n'");

        final String script;

        Answer(String script) {
            this.script = script;
        }
    }

    /** issue 13 §3's os-release: OSC 52 writes the clipboard, the rest forges a green OK line. */
    public static final String ESCAPING_OS_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 \u202e(bookworm)\"\n"
            + "NAME=\"Debian GNU/Linux\"\n"
            + "VERSION_ID=\"12\u001b]52;c;ZWNobyBwd25lZAo=\u0007\"\n"
            + "VERSION_CODENAME=bookworm\n"
            + "ID=debian\u001b[1A\u001b[2K\u001b[32mOK\u001b[0m\n";

    private final LinuxHost host;

    private HostileHost(LinuxHost host) {
        this.host = host;
    }

    /** A Debian bookworm container with the login user, its key and NOPASSWD sudo, and nothing hostile yet. */
    public static HostileHost start() {
        return new HostileHost(LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.NOPASSWD), 0));
    }

    /** The container, for {@code MeshCli} and checks. */
    public LinuxHost host() {
        return host;
    }

    /** Writes {@code /etc/os-release} with exactly {@code content}'s bytes (UTF-8). */
    public HostileHost osRelease(String content) {
        write("/etc/os-release", content, "0644");
        return this;
    }

    /** Makes {@code uname -m} print {@code machine}; every other use of uname is the real one. */
    public HostileHost unameMachine(String machine) {
        write("/usr/local/share/hostile-uname-m", machine + "\n", "0644");
        write("/usr/local/bin/uname", "#!/bin/sh\nif [ \"$*\" = -m ]; then cat /usr/local/share/hostile-uname-m;"
                + " else exec /usr/bin/uname \"$@\"; fi\n", "0755");
        return this;
    }

    /** Installs the {@code tailscale} double answering {@code status --json} with {@code answer}. */
    public HostileHost tailscale(Answer answer) {
        write("/usr/local/bin/tailscale", "#!/bin/sh\n"
                + "# Stands in for the tailscale CLI on a hostile host (mesh's hostile-host tests).\n"
                + "case \"$1\" in\n"
                + "  version) echo 1.80.2 ;;\n"
                + "  status) " + answer.script + " ;;\n"
                + "  *) echo \"tailscale double: $1 is not answered here\" >&2; exit 1 ;;\n"
                + "esac\n", "0755");
        return this;
    }

    /** Back to the image's own os-release, uname and no tailscale; stops any process the doubles left. */
    public HostileHost reset() {
        host.exec("rm -f /usr/local/bin/uname /usr/local/bin/tailscale /usr/local/share/hostile-uname-m;"
                + " pkill -x yes; pkill -x sleep; ln -sfn ../usr/lib/os-release /etc/os-release");
        return this;
    }

    private void write(String path, String content, String mode) {
        String b64 = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
        host.root("rm -f " + path + " && echo " + b64 + " | base64 -d > " + path + " && chmod " + mode + " " + path);
    }

    @Override
    public void close() {
        host.close();
    }
}
