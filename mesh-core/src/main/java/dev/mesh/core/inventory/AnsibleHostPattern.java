package dev.mesh.core.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host pattern of an Ansible INI host line: an optional {@code :PORT} and ranges such as
 * {@code web[01:03]}, {@code db-[a:c]} or {@code n[0:10:5]}, ported from Ansible's
 * {@code parse_address} (lib/ansible/parsing/utils/addresses.py) and {@code expand_hostname_range}
 * (lib/ansible/plugins/inventory/__init__.py). Simplification: an address with ':' left after the
 * port is taken as IPv6 without Ansible's full IPv6 grammar.
 *
 * @param names the host names, ranges expanded, in Ansible's order
 * @param port  the port written after the pattern, if any
 */
record AnsibleHostPattern(List<String> names, Optional<Integer> port) {
    private static final String NUMERIC_RANGE = "\\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String ALNUM_RANGE = "\\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String LABEL = "(?:[\\w]|" + ALNUM_RANGE + ")(?:[\\w_-]|" + ALNUM_RANGE + ")*(?<![_-])";
    private static final Pattern HOSTNAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final String IPV4_PART = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NUMERIC_RANGE + ")";
    private static final Pattern IPV4 = Pattern.compile("(?:" + IPV4_PART + "\\.){3}" + IPV4_PART);
    private static final Pattern IPV6_LIKE = Pattern.compile("(?:[0-9a-f.:]|\\[[0-9a-f]+:[0-9a-f]+(?::[0-9]+)?\\])*:"
            + "(?:[0-9a-f.:]|\\[[0-9a-f]+:[0-9a-f]+(?::[0-9]+)?\\])*", Pattern.CASE_INSENSITIVE);
    private static final Pattern BRACKETED_PORT = Pattern.compile("\\[(.+)\\]:([0-9]+)");
    private static final Pattern HOST_PORT = Pattern.compile("((?:[^:\\[\\]]|\\[[^\\]]*\\])*):([0-9]+)");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /**
     * @throws IllegalArgumentException with Ansible's message for a malformed range or a pattern
     *                                  ending in ':'
     */
    static AnsibleHostPattern parse(String pattern) {
        String address = pattern;
        Integer port = null;
        for (Pattern p : List.of(BRACKETED_PORT, HOST_PORT)) {
            Matcher m = p.matcher(address);
            if (m.matches()) {
                address = m.group(1);
                port = Integer.valueOf(m.group(2).length() > 9 ? "-1" : m.group(2));
            }
        }
        boolean valid = IPV4.matcher(address).matches() || HOSTNAME.matcher(address).matches()
                || IPV6_LIKE.matcher(address).matches();
        if (!valid) { // Ansible then takes the whole pattern as a name, with no port
            address = pattern;
            port = null;
        }
        if (pattern.strip().endsWith(":") && port == null) {
            throw new IllegalArgumentException("Invalid host pattern '" + pattern
                    + "' supplied, ending in ':' is not allowed, this character is reserved to provide a port.");
        }
        List<String> names = address.contains("[") ? expand(address) : List.of(address);
        return new AnsibleHostPattern(names, Optional.ofNullable(port));
    }

    /**
     * The most names one host line may expand to. Ansible has no limit; mesh's inventory is for a
     * handful to a few hundred machines, and {@code h[1:100000]} (or ranges nested to a million) would
     * only make the import run for minutes and the inventory unusable.
     */
    static final int MAX_NAMES = 2000;

    /** Ansible's {@code expand_hostname_range}: the first [begin:end(:step)] expanded, then the rest. */
    static List<String> expand(String line) {
        int open = line.indexOf('[');
        int close = line.indexOf(']', open);
        if (open < 0 || close < 0) {
            throw new IllegalArgumentException("host range must be begin:end or begin:end:step");
        }
        String head = line.substring(0, open);
        String tail = line.substring(close + 1);
        String[] bounds = line.substring(open + 1, close).split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw new IllegalArgumentException("host range must be begin:end or begin:end:step");
        }
        String begin = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) {
            throw new IllegalArgumentException("host range must specify end value");
        }
        int step = number(bounds.length == 3 ? bounds[2] : "1");
        if (step < 1) {
            throw new IllegalArgumentException("host range step must be at least 1");
        }
        int width = begin.charAt(0) == '0' && begin.length() > 1 ? begin.length() : 0;
        if (width > 0 && end.length() != width) {
            throw new IllegalArgumentException("host range must specify equal-length begin and end formats");
        }
        List<String> items = new ArrayList<>();
        int a = LETTERS.indexOf(begin);
        int b = LETTERS.indexOf(end);
        if (a >= 0 && b >= 0) {
            if (a > b) {
                throw new IllegalArgumentException("host range must have begin <= end");
            }
            for (int i = a; i <= b; i += step) {
                items.add(String.valueOf(LETTERS.charAt(i)));
            }
        } else {
            if (number(end) >= number(begin) && (number(end) - number(begin)) / step >= MAX_NAMES) {
                throw tooMany(line);
            }
            for (long i = number(begin); i <= number(end); i += step) {
                String digits = Long.toString(i);
                items.add("0".repeat(Math.max(0, width - digits.length())) + digits);
            }
        }
        List<String> names = new ArrayList<>();
        for (String item : items) {
            String name = head + item + tail;
            names.addAll(name.contains("[") ? expand(name) : List.of(name));
            if (names.size() > MAX_NAMES) {
                throw tooMany(line);
            }
        }
        return names;
    }

    private static IllegalArgumentException tooMany(String line) {
        return new IllegalArgumentException("host range " + line + " expands to more than " + MAX_NAMES
                + " hosts, more than mesh imports from one line");
    }

    private static int number(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("host range bound '" + text + "' is not a number or a letter");
        }
        return Integer.parseInt(text);
    }
}
