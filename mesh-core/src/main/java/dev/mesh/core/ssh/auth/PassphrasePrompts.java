package dev.mesh.core.ssh.auth;

import dev.mesh.core.ssh.SshInteraction;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passphrase questions on behalf of one connection attempt, timed: the connect timeout must not
 * run while a person types or while the typed passphrase is tried (OpenSSH keys use bcrypt, about
 * a second per attempt), so that time is added to the deadline ({@link #pausedNanos()},
 * {@link #asking()}).
 */
public final class PassphrasePrompts {
    private final SshInteraction interaction;
    private final AtomicLong paused = new AtomicLong();
    private final AtomicInteger asking = new AtomicInteger();

    public PassphrasePrompts(SshInteraction interaction) {
        this.interaction = interaction;
    }

    boolean canAsk() {
        return interaction.canAskPassphrase();
    }

    /** The passphrase as MINA's key decoders need it (a String), or empty when none was given. */
    Optional<String> ask(Path keyFile, int attempt) {
        Optional<char[]> answer = interaction.passphrase(keyFile, attempt);
        if (answer.isEmpty() || answer.get().length == 0) {
            return Optional.empty();
        }
        String text = new String(answer.get());
        Arrays.fill(answer.get(), '\0');
        return Optional.of(text);
    }

    /** Runs {@code work} (questions and decryption) with the connect clock stopped. */
    <T> T paused(java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        asking.incrementAndGet();
        try {
            return work.get();
        } finally {
            asking.decrementAndGet();
            paused.addAndGet(System.nanoTime() - start);
        }
    }

    /** Nanoseconds spent waiting for answers so far. */
    public long pausedNanos() {
        return paused.get();
    }

    /** Whether a question is open right now. */
    public boolean asking() {
        return asking.get() > 0;
    }
}
