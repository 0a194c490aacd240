package dev.mesh.core.provision;

import dev.mesh.api.Secret;
import dev.mesh.api.StepListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Defence in depth: every line a plugin reports, and every failure message, passes through here and
 * has the run's secrets replaced by {@code ****}, in case a plugin echoes a key by mistake.
 */
final class SecretScrubber {
    private final List<Secret> secrets = new CopyOnWriteArrayList<>();

    void add(Secret secret) {
        secrets.add(secret);
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
            out = out.replace(s.reveal(), "****");
        }
        return out;
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
