package dev.distsys.coordination.raft.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Whole-file replacement that survives a crash at any point: write a temporary file,
 * fsync it, rename it over the target, fsync the directory so the rename itself is
 * durable (without the last step ext4 may forget the rename: Pillai et al., "All File
 * Systems Are Not Created Equal", OSDI 2014). Contents carry a CRC32C so a damaged file
 * is detected rather than trusted.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    static void write(Path dir, String name, byte[] payload) {
        Path temp = dir.resolve(name + ".tmp");
        Path target = dir.resolve(name);
        ByteBuffer framed = ByteBuffer.allocate(8 + payload.length);
        framed.putInt(payload.length).putInt(crc(payload, 0, payload.length)).put(payload).flip();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (framed.hasRemaining()) {
                channel.write(framed);
            }
            channel.force(true);
        }
        catch (IOException ex) {
            throw new StorageException("cannot write " + temp, ex);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new StorageException("cannot rename " + temp + " to " + target, ex);
        }
        syncDirectory(dir);
    }

    /**
     * @return the payload, or null if the file does not exist
     */
    static byte[] read(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 8) {
                throw new StorageException(file + " is truncated (" + bytes.length + " bytes)");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int length = buffer.getInt();
            int expected = buffer.getInt();
            if (length != bytes.length - 8 || crc(bytes, 8, length) != expected) {
                throw new StorageException(file + " fails its length or CRC32C check");
            }
            byte[] payload = new byte[length];
            buffer.get(payload);
            return payload;
        }
        catch (IOException ex) {
            throw new StorageException("cannot read " + file, ex);
        }
    }

    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException ex) {
            throw new StorageException("cannot fsync directory " + dir, ex);
        }
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        }
        catch (IOException ex) {
            throw new StorageException("cannot create " + dir, ex);
        }
    }

}
