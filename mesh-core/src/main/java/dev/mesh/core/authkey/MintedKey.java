package dev.mesh.core.authkey;

import dev.mesh.api.Secret;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pre-auth key mesh minted, with what Headscale needs to expire it again: up to 0.27 the owner and
 * the key itself ({@code preauthkeys expire --user USER KEY}), from 0.28 the key's id
 * ({@code preauthkeys expire --id ID}).
 *
 * @param key      the key; a live secret
 * @param id       Headscale's id of the key (from {@code -o json} or the REST answer), as digits
 * @param user     the owning user's name
 * @param userId   the owning user's numeric id, when it was looked up (0.26 and later)
 */
public record MintedKey(Secret key, Optional<String> id, String user, Optional<String> userId) {
    /** 0.28's keys: {@code hskey-auth-<12-character prefix>-<64-character secret>}; the prefix is public. */
    private static final Pattern PREFIXED = Pattern.compile("(hskey-auth-[A-Za-z0-9_-]{12})-.+");

    public MintedKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(userId, "userId");
    }

    /**
     * How to name the key in a message without its value: {@code id 7}, else the public prefix of a
     * 0.28 key ({@code hskey-auth-AbCdEfGhIjKl}), else the owner alone.
     */
    public String describe() {
        if (id.isPresent()) {
            return "pre-auth key id " + id.get() + " of user " + user;
        }
        Matcher m = PREFIXED.matcher(key.reveal());
        return m.matches() ? "pre-auth key " + m.group(1) + "… of user " + user
                : "a pre-auth key of user " + user + " (Headscale gave no id)";
    }

    @Override
    public String toString() {
        return describe();
    }
}
