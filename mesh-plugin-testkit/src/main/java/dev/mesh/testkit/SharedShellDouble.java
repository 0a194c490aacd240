package dev.mesh.testkit;

import dev.mesh.api.CommandResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the host's {@code /bin/sh} running mesh's shared shell ({@code SharedShell.posix()}):
 * it reads the frames mesh writes, one probe each ({@code ( eval 'COMMAND' ) </dev/null; …}), answers COMMAND as the simulated host answers a command on a channel of its own, and writes the
 * end markers the frame asks for, as sh would run the frame's two {@code printf}s. EOF ends it.
 */
final class SharedShellDouble {
    private static final String START = "( eval '";
    private static final Pattern MARKER = Pattern.compile("printf '\\\\n%s\\\\n' ([A-Za-z0-9]+) >&2");

    /** How one probe is answered. */
    interface Answer {
        CommandResult of(String command) throws Exception;
    }

    private SharedShellDouble() {
    }

    /** Serves frames until EOF; returns the shell's exit status. */
    static int serve(InputStream in, OutputStream out, OutputStream err, Answer answer) throws Exception {
        while (true) {
            String start = read(in, START.length());
            if (start.isEmpty()) {
                return 0;
            }
            if (!start.equals(START)) {
                err.write(("sh: 1: not a mesh frame: " + start + "\n").getBytes(StandardCharsets.UTF_8));
                return 2;
            }
            String command = quoted(in);
            String rest = line(in);
            Matcher m = MARKER.matcher(rest);
            if (!m.find()) {
                return 2;
            }
            String marker = m.group(1);
            // the whole frame, not only its start: what sh would run is what the POSIX default writes
            String frame = "( eval " + dev.mesh.api.Quoting.sh(command) + rest + "\n";
            if (!frame.equals(dev.mesh.api.SharedShell.posix().frame(command, marker))) {
                err.write(("sh: 1: not a mesh frame: " + frame + "\n").getBytes(StandardCharsets.UTF_8));
                return 2;
            }
            CommandResult r;
            try {
                r = answer.of(command);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) { // as a channel of its own answers a responder that failed
                r = CommandResult.of(255, "", "");
            }
            // sh reports an exit status as 0-255 (exit -1 is 255)
            int status = r.exitCode() & 0xff;
            out.write(r.stdout().getBytes(StandardCharsets.UTF_8));
            out.flush();
            err.write((r.stderr() + "\n" + marker + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
            out.write(("\n" + marker + " " + status + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** The rest of a single-quoted word whose opening quote was read: {@code '\''} is a quote inside it. */
    private static String quoted(InputStream in) throws IOException {
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("EOF inside a quoted word");
            }
            if (c != '\'') {
                word.write(c);
                continue;
            }
            in.mark(3);
            if (read(in, 3).equals("\\''")) {
                word.write('\'');
            } else {
                in.reset();
                return word.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.write(c);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static String read(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.UTF_8);
    }
}
