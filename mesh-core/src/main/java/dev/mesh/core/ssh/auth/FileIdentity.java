package dev.mesh.core.ssh.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.client.auth.pubkey.KeyPairIdentity;
import org.apache.sshd.client.auth.pubkey.PublicKeyIdentity;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.signature.SignatureFactoriesManager;

/**
 * A key from a file, offered by its public key first; a passphrase-protected one is decrypted only
 * when the server accepts the public key (SSH_MSG_USERAUTH_PK_OK), as ssh does: the question comes
 * only for a key that will be used. Up to {@link #ATTEMPTS} attempts, an empty answer gives up.
 */
final class FileIdentity implements PublicKeyIdentity {
    /** ssh's NumberOfPasswordPrompts default. */
    static final int ATTEMPTS = 3;

    private final KeyFile file;
    private final SignatureFactoriesManager factories;
    private final SessionContext session;
    private final PassphrasePrompts prompts;
    private final AuthLog log;
    private volatile KeyPair pair;

    FileIdentity(KeyFile file, SignatureFactoriesManager factories, SessionContext session, PassphrasePrompts prompts,
                 AuthLog log) {
        this.file = file;
        this.log = log;
        this.factories = factories;
        this.session = session;
        this.prompts = prompts;
        this.pair = file.keyPair();
    }

    @Override
    public KeyPair getKeyIdentity() {
        if (pair != null) {
            return pair;
        }
        if (file.publicKey() != null) {
            return new KeyPair(file.publicKey(), null);
        }
        return decrypted(); // no public key without the passphrase (an encrypted PEM key without .pub)
    }

    @Override
    public Map.Entry<String, byte[]> sign(SessionContext s, String algo, byte[] data) throws Exception {
        return new KeyPairIdentity(factories, session instanceof SignatureFactoriesManager m ? m : factories,
                decrypted()).sign(s, algo, data);
    }

    private synchronized KeyPair decrypted() {
        return pair != null ? pair : prompts.paused(this::askAndDecrypt);
    }

    private KeyPair askAndDecrypt() {
        Path path = file.path();
        FilePasswordProvider asker = new FilePasswordProvider() {
            @Override
            public String getPassword(SessionContext s, NamedResource resource, int retry) throws IOException {
                Optional<String> answer = prompts.ask(path, retry + 1);
                if (answer.isEmpty()) {
                    throw new PassphraseException("No passphrase given for " + path + "; the key was not used");
                }
                return answer.get();
            }

            @Override
            public ResourceDecodeResult handleDecodeAttemptResult(SessionContext s, NamedResource resource,
                                                                  int retry, String password, Exception err) {
                return err != null && retry + 1 < ATTEMPTS ? ResourceDecodeResult.RETRY : ResourceDecodeResult.TERMINATE;
            }
        };
        try {
            pair = KeyFile.load(path, asker);
            return pair;
        } catch (PassphraseException e) {
            log.failure(e);
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            PassphraseException failed = new PassphraseException("Cannot decrypt " + path + " with the passphrase"
                    + " given (" + ATTEMPTS + " attempts): authentication stopped");
            log.failure(failed);
            throw failed;
        }
    }

    KeyFile file() {
        return file;
    }

    /** The key could not be decrypted; ends the authentication with this message. */
    static final class PassphraseException extends RuntimeException {
        PassphraseException(String message) {
            super(message);
        }
    }
}
