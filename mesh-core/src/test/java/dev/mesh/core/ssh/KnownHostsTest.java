package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.ssh.KnownHostsVerifier.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts lookups and OpenSSH's known/new/changed/revoked decision, on files only. */
class KnownHostsTest {
    @TempDir
    Path dir;

    private static PublicKey key(String type, int bits) throws Exception {
        return KeyUtils.generateKeyPair(type, bits).getPublic();
    }

    private static String line(String hosts, PublicKey key) {
        return hosts + " " + PublicKeyEntry.toString(key);
    }

    @Test
    void hostsOfOneRunRecordedInParallelIntoAMissingFileAllLand() throws Exception {
        for (int round = 0; round < 30; round++) {
            recordInParallel(dir.resolve("round" + round + "/known_hosts"));
        }
    }

    private static void recordInParallel(Path file) throws Exception {
        PublicKey ed = key(KeyPairProvider.SSH_ED25519, 256);
        int hosts = 16;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(hosts);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(hosts);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                int port = 2200 + i;
                done.add(pool.submit(() -> {
                    start.await();
                    new KnownHosts(file).append("127.0.0.1", port, ed, false); // one instance per connection
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(); // the file is created once; nobody fails on "already exists"
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(hosts, Files.readAllLines(file).size());
        for (int i = 0; i < hosts; i++) {
            assertEquals(Verdict.KNOWN, KnownHostsVerifier.verdict(new KnownHosts(file).find("127.0.0.1", 2200 + i), ed));
        }
    }

    @Test
    void onlyAHostWithoutAnyPlainEntryIsNew() throws Exception {
        PublicKey ed = key(KeyPairProvider.SSH_ED25519, 256);
        PublicKey ecdsa = key(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        PublicKey rsa = key(KeyPairProvider.SSH_RSA, 2048);
        Path file = dir.resolve("known_hosts");
        Files.write(file, List.of(
                line("[web.example]:2222", ed),
                "@cert-authority *.example " + PublicKeyEntry.toString(rsa),
                line("web.example", rsa),
                "@revoked * " + PublicKeyEntry.toString(rsa)));
        KnownHosts known = new KnownHosts(file);

        List<KnownHosts.Entry> at2222 = known.find("web.example", 2222);
        assertEquals(List.of(1), at2222.stream().map(KnownHosts.Entry::line).toList(), "*.example is port 22 only");
        assertEquals(Verdict.KNOWN, KnownHostsVerifier.verdict(at2222, ed));
        assertEquals(Verdict.CHANGED, KnownHostsVerifier.verdict(at2222, ecdsa), "another key type is a change");
        assertEquals(Verdict.NEW, KnownHostsVerifier.verdict(known.find("other.example", 22), ecdsa),
                "a CA entry alone does not make a plain key known");
        assertEquals(Verdict.REVOKED, KnownHostsVerifier.verdict(known.find("web.example", 22), rsa));
        assertEquals(Verdict.NEW, KnownHostsVerifier.verdict(known.find("web.example", 2200), ecdsa));
    }

    @Test
    void hostNamesMatchInAnyCaseAndHashedEntriesCarryThePort() throws Exception {
        PublicKey ed = key(KeyPairProvider.SSH_ED25519, 256);
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, line(KnownHosts.hashedName("Web.Example", 2222), ed) + "\n"
                + line(KnownHosts.hashedName("10.0.0.5", 22), ed) + "\n");
        KnownHosts known = new KnownHosts(file);
        assertEquals(1, known.find("WEB.example", 2222).size());
        assertEquals(0, known.find("web.example", 22).size(), "[host]:2222 is not the bare host");
        assertEquals(1, known.find("10.0.0.5", 22).size());
        assertTrue(KnownHosts.hashedName("h", 22).startsWith("|1|"), "OpenSSH's HMAC-SHA1 marker");
    }

    @Test
    void userFilesComeFirstThenGlobalFilesAndOnlyTheFirstUserFileIsWritten() throws Exception {
        PublicKey ed = key(KeyPairProvider.SSH_ED25519, 256);
        PublicKey ecdsa = key(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path user = dir.resolve("known_hosts");
        Path user2 = dir.resolve("known_hosts2");
        Path global = dir.resolve("ssh_known_hosts");
        Files.writeString(user2, line("h", ed) + "\n");
        Files.writeString(global, line("h", ecdsa) + "\n");
        KnownHosts known = new KnownHosts(List.of(user, user2), List.of(global));
        List<KnownHosts.Entry> entries = known.find("h", 22);
        assertEquals(List.of(user2.toAbsolutePath(), global.toAbsolutePath()),
                entries.stream().map(KnownHosts.Entry::file).toList());
        known.append("new.example", 22, ed, false);
        assertEquals(List.of(line("new.example", ed)), Files.readAllLines(user));
        known.append("hashed.example", 2222, ecdsa, true);
        assertTrue(Files.readAllLines(user).get(1).startsWith("|1|"));
        assertEquals(1, known.find("hashed.example", 2222).size());
    }

    @Test
    void aKnownHostsPathThatIsNotARegularFileIsAnErrorNotAnEmptyFile() {
        KnownHosts known = new KnownHosts(Path.of("/dev/zero"));
        IOException e = assertThrows(IOException.class, () -> known.find("h", 22));
        assertTrue(e.getMessage().contains("/dev/zero is not a regular file"), e.getMessage());
    }

    @Test
    void devNullReadsAsEmptyButNothingIsRecordedInIt() throws Exception {
        KnownHosts known = new KnownHosts(List.of(Path.of("/dev/null")), List.of(Path.of("/dev/null")));
        assertEquals(List.of(), known.find("h", 22));
        IOException e = assertThrows(IOException.class,
                () -> known.append("h", 22, key(KeyPairProvider.SSH_ED25519, 256), false));
        assertTrue(e.getMessage().contains("/dev/null: not a regular file"), e.getMessage());
    }

    @Test
    void unreadableLinesAreSkippedNotFatal() throws Exception {
        PublicKey ed = key(KeyPairProvider.SSH_ED25519, 256);
        Path file = dir.resolve("known_hosts");
        Files.write(file, List.of("h ssh-unknown-type AAAA", "garbage", "\u00ff\u00fe", line("h", ed)));
        assertEquals(List.of(4), new KnownHosts(file).find("h", 22).stream().map(KnownHosts.Entry::line).toList());
    }
}
