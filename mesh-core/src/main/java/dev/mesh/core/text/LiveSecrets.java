package dev.mesh.core.text;

import dev.mesh.api.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Every secret this process holds (pre-auth keys, the Headscale API key, the sudo password, SSH key
 * passphrases), registered by mesh-core where it creates or reads one, so that every message that
 * leaves the process can be scrubbed of all of them, whatever produced the message: mesh's own code,
 * a plugin, or a library's exception (the JDK HTTP client quotes a header value it rejects).
 *
 * <p>Who registers: {@code HeadscaleApiKey.read} (the API key), the Headscale key sources (each key
 * they mint), {@code SecretScrubber.add} (every secret a provisioning run holds: its keys and the sudo
 * password). Who scrubs: {@link DisplayText} (the CLI's console and exception handlers) and
 * {@link SafeLogStream} (log output). A secret stays registered for the life of the process: a mesh
 * process is one run, and a key that was expired is still a credential in a message.
 *
 * <p>Each secret is registered in the forms a message may show it: as it is, with its control
 * characters escaped (as {@link ControlChars} shows them), and line by line when it spans lines.
 * Forms shorter than {@value #MIN_LENGTH} characters are not scrubbed: replacing every "ab" in the
 * output would garble it and reveal the secret's shape anyway.
 */
public final class LiveSecrets {
    /** What a secret is replaced with. */
    public static final String MASK = "****";
    /** Shortest form that is scrubbed. */
    public static final int MIN_LENGTH = 4;

    private static final Set<String> FORMS = new CopyOnWriteArraySet<>();
    // longest first, so a secret that contains another is replaced whole
    private static volatile List<String> ordered = List.of();

    private LiveSecrets() {
    }

    /** Registers {@code secret}; returns it, for {@code return LiveSecrets.register(Secret.of(v))}. */
    public static Secret register(Secret secret) {
        String value = secret.reveal();
        boolean changed = add(value) | add(ControlChars.escape(value)) | add(ControlChars.escape(value, true));
        for (String line : value.split("\\R")) {
            changed |= add(line.strip());
        }
        if (changed) {
            List<String> sorted = new ArrayList<>(FORMS);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            ordered = List.copyOf(sorted);
        }
        return secret;
    }

    private static synchronized boolean add(String form) {
        return form.length() >= MIN_LENGTH && FORMS.add(form);
    }

    /** {@code text} with every registered secret replaced by {@value #MASK}; null stays null. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String form : ordered) {
            if (out.contains(form)) {
                out = out.replace(form, MASK);
            }
        }
        return out;
    }

    /** Whether {@code text} contains any registered secret. */
    public static boolean anyIn(String text) {
        return text != null && ordered.stream().anyMatch(text::contains);
    }
}
