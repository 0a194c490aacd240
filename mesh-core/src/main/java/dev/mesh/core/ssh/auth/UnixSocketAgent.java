package dev.mesh.core.ssh.auth;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * An ssh-agent reached over its Unix domain socket ({@code SSH_AUTH_SOCK}) with the JDK's own
 * {@link SocketChannel} ({@link StandardProtocolFamily#UNIX}, Java 16+), speaking the agent
 * protocol through MINA's {@link AbstractAgentProxy} (list identities, sign). No native library:
 * MINA's own Unix agent client needs Tomcat's APR.
 *
 * <p>Every exchange is bounded: {@link #TIMEOUT} for the whole request and answer, and an answer
 * of at most {@link #MAX_ANSWER_BYTES} (the agent is local, but a wrong socket must not hang or
 * exhaust mesh).
 */
public final class UnixSocketAgent extends AbstractAgentProxy {
    /** How long one request to the agent may take (a confirm-before-use agent waits for a click). */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** OpenSSH's agent refuses messages over 256 KiB (AGENT_MAX_LEN); so does mesh. */
    static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final Path socket;
    private final SocketChannel channel;
    private final Selector selector;

    private UnixSocketAgent(Path socket, SocketChannel channel, Selector selector) {
        super(null);
        this.socket = socket;
        this.channel = channel;
        this.selector = selector;
    }

    /**
     * @throws IOException when nothing listens at {@code socket}
     */
    public static UnixSocketAgent connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            channel.register(selector, 0);
            return new UnixSocketAgent(socket, channel, selector);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path socket() {
        return socket;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Sends one prepared message (length prefix included) and returns the answer's body. */
    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
        ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
        readFully(length, deadline);
        int size = length.flip().getInt();
        if (size < 1 || size > MAX_ANSWER_BYTES) {
            throw new IOException("ssh-agent at " + socket + " answered with a message of " + size + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(size);
        readFully(body, deadline);
        return new ByteArrayBuffer(body.array());
    }

    private void readFully(ByteBuffer into, long deadline) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into);
            if (n < 0) {
                throw new IOException("ssh-agent at " + socket + " closed the connection");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline);
            }
        }
    }

    private void await(int op, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IOException("ssh-agent at " + socket + " did not answer within " + TIMEOUT.toSeconds() + "s");
        }
        channel.keyFor(selector).interestOps(op);
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
            super.close();
        }
    }
}
