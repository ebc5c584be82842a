package dev.distsys.platform;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the process listening on a TCP port from Linux's {@code /proc}: the socket's
 * inode in {@code /proc/net/tcp[6]}, then the process with a file descriptor on that
 * inode. Elsewhere, or for processes this user cannot inspect, it finds nothing.
 */
final class PortHolders {

    private static final String LISTEN_STATE = "0A";

    private final Path proc;

    PortHolders(Path proc) {
        this.proc = proc;
    }

    static PortHolders ofSystem() {
        return new PortHolders(Path.of("/proc"));
    }

    Optional<ProcessHandle> listenerOf(int port) {
        Optional<String> inode = listeningInode(port);
        if (inode.isEmpty()) {
            return Optional.empty();
        }
        String socket = "socket:[" + inode.get() + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(this.proc, "[0-9]*")) {
            for (Path process : processes) {
                if (holdsSocket(process, socket)) {
                    return ProcessHandle.of(Long.parseLong(process.getFileName().toString()));
                }
            }
        }
        catch (IOException ex) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<String> listeningInode(int port) {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                for (String line : Files.readAllLines(this.proc.resolve(table))) {
                    String[] fields = line.strip().split("\\s+");
                    if (fields.length > 9 && fields[1].endsWith(hexPort) && fields[3].equals(LISTEN_STATE)) {
                        return Optional.of(fields[9]);
                    }
                }
            }
            catch (IOException ex) {
                // no such table here
            }
        }
        return Optional.empty();
    }

    private static boolean holdsSocket(Path process, String socket) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(socket)) {
                        return true;
                    }
                }
                catch (IOException ex) {
                    // closed meanwhile
                }
            }
        }
        catch (IOException ex) {
            // exited meanwhile, or not ours to inspect
        }
        return false;
    }

}
