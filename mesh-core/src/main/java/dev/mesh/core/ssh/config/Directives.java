package dev.mesh.core.ssh.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which ssh config directives mesh implements, which it may ignore because they do not change
 * where or how it connects (session features mesh does not use, logging, forwarding, interactive
 * authentication that mesh never does), and, by elimination, which must be named in a warning
 * when they apply to a host: ProxyCommand, CertificateFile, HostKeyAlias, algorithm lists,
 * BindAddress, canonicalisation, … and any keyword OpenSSH does not know either.
 */
final class Directives {
    /** Handled by {@link SshConfigReader} itself or by mesh's resolver. */
    static final Set<String> IMPLEMENTED = Set.of("host", "match", "include", "hostname", "user", "port",
            "identityfile", "identitiesonly", "identityagent", "proxyjump", "userknownhostsfile",
            "globalknownhostsfile", "stricthostkeychecking", "connecttimeout", "hashknownhosts");

    /** Ignored whatever their value: they do not change where or how mesh connects and authenticates. */
    static final Set<String> HARMLESS = Set.of("addkeystoagent", "batchmode", "challengeresponseauthentication",
            "clearallforwardings", "compression", "controlmaster", "controlpath", "controlpersist",
            "dynamicforward", "enableescapecommandline", "enablesshkeysign", "escapechar", "exitonforwardfailure",
            "fingerprinthash", "forkafterauthentication", "forwardagent", "forwardx11", "forwardx11timeout",
            "forwardx11trusted", "gatewayports", "gssapiauthentication", "gssapidelegatecredentials",
            "hostbasedacceptedalgorithms", "hostbasedkeytypes", "ignoreunknown", "ipqos",
            "kbdinteractiveauthentication", "kbdinteractivedevices", "localcommand", "localforward", "loglevel",
            "logverbose", "numberofpasswordprompts", "passwordauthentication", "permitlocalcommand",
            "permitremoteopen", "preferredauthentications", "protocol", "rekeylimit", "remoteforward", "requesttty",
            "sendenv", "serveralivecountmax", "serveraliveinterval", "sessiontype", "setenv", "stdinnull",
            "streamlocalbindmask", "streamlocalbindunlink", "syslogfacility", "tcpkeepalive", "tunnel",
            "tunneldevice", "updatehostkeys", "usekeychain", "visualhostkey", "xauthlocation");

    /** Ignored only with this value (OpenSSH's default, or what mesh does anyway); any other value is warned about. */
    static final Map<String, Set<String>> HARMLESS_WITH = Map.of(
            "pubkeyauthentication", Set.of("yes", "true", "unbound", "host-bound"),
            "hostbasedauthentication", Set.of("no", "false"),
            "canonicalizehostname", Set.of("no", "false"),
            "addressfamily", Set.of("any"),
            "checkhostip", Set.of("no", "false"),
            "connectionattempts", Set.of("1"),
            "nohostauthenticationforlocalhost", Set.of("no", "false"),
            "verifyhostkeydns", Set.of("no", "false"));

    private Directives() {
    }

    /** Whether mesh must warn that {@code keyword} (lower case) with this first argument is ignored. */
    static boolean mustWarn(String keyword, String firstArg) {
        if (IMPLEMENTED.contains(keyword) || HARMLESS.contains(keyword)) {
            return false;
        }
        Set<String> harmless = HARMLESS_WITH.get(keyword);
        return harmless == null || !harmless.contains(firstArg.toLowerCase(Locale.ROOT));
    }
}
