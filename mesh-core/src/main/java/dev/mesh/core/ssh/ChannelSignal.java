package dev.mesh.core.ssh;

import java.io.IOException;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * RFC 4254 §6.9 "signal" channel requests, which MINA's client has no method for, so the message
 * is built here: {@code SSH_MSG_CHANNEL_REQUEST(recipient channel, "signal", want reply = false,
 * signal name without "SIG")}. OpenSSH's sshd (session.c {@code session_signal_req}, since 7.9)
 * delivers it with {@code killpg()} to the session's process group: the command's shell was made a
 * session leader with {@code setsid()}, so the signal reaches it and every child it started.
 * sshd accepts HUP, INT, KILL, QUIT, TERM, USR1 and USR2, and refuses forced-command sessions.
 */
final class ChannelSignal {
    private ChannelSignal() {
    }

    /**
     * Sends {@code signal} ("TERM", "KILL", …) to the command on {@code channel}.
     *
     * @return false, sending nothing, when the channel is not open (never opened, or closing)
     * @throws IOException when the packet cannot be queued (the session is gone)
     */
    static boolean send(ClientSession session, ChannelExec channel, String signal) throws IOException {
        if (!channel.isOpen() || channel.isClosing() || channel.getRecipient() < 0) {
            return false;
        }
        Buffer request = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 32);
        request.putUInt(channel.getRecipient());
        request.putString("signal");
        request.putBoolean(false);
        request.putString(signal);
        session.writePacket(request);
        return true;
    }

    /** {@link #send}, with a failure to send read as "not sent": for ending a command, where that is all one can do. */
    static boolean trySend(ClientSession session, ChannelExec channel, String signal) {
        try {
            return send(session, channel, signal);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
