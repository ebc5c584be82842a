package dev.distsys.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One runner per data directory: two would corrupt each other's PostgreSQL and Kafka
 * data. The lock file holds the owner's pid; the OS releases the lock when the owner
 * dies.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;

    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("platform.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        }
        catch (OverlappingFileLockException ex) {
            lock = null;
        }
        if (lock == null) {
            String owner = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new StartupException("Another platform runner (pid " + (owner.isEmpty() ? "?" : owner)
                    + ") is using the data dir " + dataDir + ": stop it first, or use another --data-dir");
        }
        channel.truncate(0);
        channel.write(StandardCharsets.UTF_8.encode(String.valueOf(ProcessHandle.current().pid())));
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        this.lock.release();
        this.channel.close();
    }

}
