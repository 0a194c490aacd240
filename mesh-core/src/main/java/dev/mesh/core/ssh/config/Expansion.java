package dev.mesh.core.ssh.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OpenSSH's expansion of file names in the config (IdentityFile, IdentityAgent,
 * UserKnownHostsFile): {@code ~/} (tilde_expand_filename), then {@code %} tokens and
 * {@code ${VAR}} (percent_dollar_expand). An unknown token or an unset variable is an error, as in ssh.
 */
public final class Expansion {
    private Expansion() {
    }

    /**
     * @param tokens the client's tokens ({@code C L i k l n p d h r u}), computed on first use
     * @throws SshConfigException naming {@code origin}
     */
    public static String expand(String text, Map<Character, Supplier<String>> tokens, Map<String, String> env,
                                Path home, Origin origin) {
        String s = text;
        if (s.equals("~")) {
            s = home.toString();
        } else if (s.startsWith("~/")) {
            s = home + s.substring(1);
        } else if (s.startsWith("~")) {
            throw SshConfigException.at(origin.file(), origin.line(), "'" + text + "': ~user paths are not supported");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 1 < s.length()) {
                char key = s.charAt(++i);
                if (key == '%') {
                    out.append('%');
                    continue;
                }
                Supplier<String> value = tokens.get(key);
                if (value == null) {
                    throw SshConfigException.at(origin.file(), origin.line(), "unknown token %" + key + " in '" + text + "'");
                }
                out.append(value.get());
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    throw SshConfigException.at(origin.file(), origin.line(), "unterminated ${ in '" + text + "'");
                }
                String name = s.substring(i + 2, end);
                String value = env.get(name);
                if (value == null) {
                    throw SshConfigException.at(origin.file(), origin.line(),
                            "environment variable " + name + " in '" + text + "' is not set");
                }
                out.append(value);
                i = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
