package dev.mesh.core.provision;

import dev.mesh.api.Secret;
import dev.mesh.api.StepListener;
import dev.mesh.core.text.LiveSecrets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Defence in depth: every line a plugin reports, and every failure message, passes through here and
 * has the secrets replaced by {@code ****}, in case a plugin echoes a key by mistake. Each secret
 * added here is also registered process-wide with {@link LiveSecrets}, so the CLI's console, its
 * exception handlers and log output scrub it too, and {@link #scrub} removes every live secret of the
 * process, not only this run's.
 */
final class SecretScrubber {
    private final List<Secret> secrets = new CopyOnWriteArrayList<>();

    void add(Secret secret) {
        secrets.add(LiveSecrets.register(secret));
    }

    List<Secret> secrets() {
        return List.copyOf(secrets);
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret s : secrets) {
            out = out.replace(s.reveal(), LiveSecrets.MASK); // also secrets shorter than LiveSecrets.MIN_LENGTH
        }
        return LiveSecrets.scrub(out);
    }

    StepListener wrap(StepListener target) {
        return new StepListener() {
            @Override
            public void section(String title) {
                target.section(scrub(title));
            }

            @Override
            public void info(String message) {
                target.info(scrub(message));
            }

            @Override
            public void ok(String message) {
                target.ok(scrub(message));
            }

            @Override
            public void warn(String message) {
                target.warn(scrub(message));
            }
        };
    }
}
