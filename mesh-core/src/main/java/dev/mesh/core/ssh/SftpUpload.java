package dev.mesh.core.ssh;

import java.io.IOException;
import java.util.Arrays;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.apache.sshd.sftp.client.impl.SftpResponse;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Writes a file over SFTP so that it is never readable by others, not even while empty: any old
 * file is removed, the new one is created exclusively with the wanted mode in the OPEN request
 * itself (MINA's {@code SftpClient.open} cannot pass attributes, so that one request is sent raw),
 * the mode is set again on the handle (the server's umask may have changed it), and only then is
 * content written.
 *
 * <p>Protocol version 3 is pinned: it is what OpenSSH speaks, and the raw OPEN below is in its format.
 */
final class SftpUpload {
    private static final int CHUNK = 32 * 1024;

    private SftpUpload() {
    }

    static void write(ClientSession session, byte[] content, String path, int mode) throws IOException {
        try (SftpClient sftp = SftpClientFactory.instance()
                .createSftpClient(session, SftpVersionSelector.fixedVersionSelector(3))) {
            removeIfPresent(sftp, path);
            try (SftpClient.CloseableHandle handle = openExclusive(sftp, path, mode)) {
                sftp.setStat(handle, new SftpClient.Attributes().perms(mode));
                for (int offset = 0; offset < content.length; offset += CHUNK) {
                    int length = Math.min(CHUNK, content.length - offset);
                    sftp.write(handle, offset, content, offset, length);
                }
            }
        }
    }

    private static void removeIfPresent(SftpClient sftp, String path) throws IOException {
        try {
            sftp.remove(path);
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
                throw e;
            }
        }
    }

    /** SSH_FXP_OPEN(path, WRITE|CREAT|EXCL, {permissions: mode}), SFTP v3 layout. */
    private static SftpClient.CloseableHandle openExclusive(SftpClient sftp, String path, int mode) throws IOException {
        if (!(sftp instanceof RawSftpClient raw)) {
            throw new IOException("the SFTP client cannot send raw requests");
        }
        Buffer request = new ByteArrayBuffer();
        request.putString(path);
        request.putInt(SftpConstants.SSH_FXF_WRITE | SftpConstants.SSH_FXF_CREAT | SftpConstants.SSH_FXF_EXCL);
        request.putInt(SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS);
        request.putInt(mode);
        int id = raw.send(SftpConstants.SSH_FXP_OPEN, request);
        SftpResponse response = SftpResponse.parse(SftpConstants.SSH_FXP_OPEN, raw.receive(id));
        Buffer body = response.getBuffer();
        if (response.getType() == SftpConstants.SSH_FXP_STATUS) {
            int status = body.getInt();
            String message = body.getString();
            throw new SftpException(status, message == null || message.isEmpty() ? "status " + status : message);
        }
        if (response.getType() != SftpConstants.SSH_FXP_HANDLE) {
            throw new IOException("unexpected SFTP reply type " + response.getType() + " to OPEN");
        }
        byte[] id0 = body.getBytes();
        return new SftpClient.CloseableHandle(path, Arrays.copyOf(id0, id0.length)) {
            private boolean open = true;

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() throws IOException {
                if (open) {
                    open = false;
                    sftp.close(this);
                }
            }
        };
    }
}
