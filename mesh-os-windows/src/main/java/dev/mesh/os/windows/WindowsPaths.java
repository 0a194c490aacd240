package dev.mesh.os.windows;

import java.util.regex.Pattern;

/** Windows paths as mesh uses them: on the host, and as Windows OpenSSH's SFTP server names them. */
final class WindowsPaths {
    /** Drive letter, colon, backslash, then no character Windows or cmd.exe treats specially. */
    private static final Pattern ABSOLUTE = Pattern.compile("[A-Za-z]:\\\\[^\"%*?<>|/\\r\\n]*");

    private WindowsPaths() {
    }

    static boolean isAbsoluteLocalPath(String path) {
        return ABSOLUTE.matcher(path).matches();
    }

    /** {@code C:\ProgramData\mesh\} becomes {@code C:\ProgramData\mesh}; a drive root stays {@code C:\}. */
    static String withoutTrailingSeparator(String path) {
        String p = path;
        while (p.length() > 3 && p.endsWith("\\")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** {@code dir\name}. */
    static String join(String dir, String name) {
        return dir.endsWith("\\") ? dir + name : dir + "\\" + name;
    }

    /**
     * The SFTP name of a local path. Win32-OpenSSH's sftp-server presents drives as {@code /C:/...}
     * (its realpath answers in that form); a name without the leading slash would be taken as
     * relative to the user's home directory, as the SFTP draft specifies.
     */
    static String sftp(String windowsPath) {
        return "/" + windowsPath.replace('\\', '/');
    }

    /** The path as one argument on a cmd.exe or PowerShell command line the operator types. */
    static String forCommandLine(String path) {
        return path.indexOf(' ') >= 0 ? "\"" + path + "\"" : path;
    }
}
