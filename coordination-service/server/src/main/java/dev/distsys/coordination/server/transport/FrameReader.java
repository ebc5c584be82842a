package dev.distsys.coordination.server.transport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads length-prefixed frames: a 4-byte big-endian length, then that many bytes. A
 * length outside {@code [1, maxFrameBytes]} is refused before anything is allocated, so a
 * forged length cannot exhaust memory.
 */
final class FrameReader {

    private final DataInputStream in;

    private final int maxFrameBytes;

    FrameReader(InputStream in, int maxFrameBytes) {
        this.in = new DataInputStream(in);
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * @return the next frame's bytes, or null at a clean end of stream
     * @throws MalformedFrameException on an impossible length: the stream cannot be
     * trusted any more
     */
    byte[] next() throws IOException {
        int first = this.in.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (this.in.readUnsignedByte() << 16) | (this.in.readUnsignedByte() << 8)
                | this.in.readUnsignedByte();
        if (length < 1 || length > this.maxFrameBytes) {
            throw new MalformedFrameException(
                    "frame length " + length + " outside [1, " + this.maxFrameBytes + "]: closing the connection");
        }
        byte[] frame = new byte[length];
        try {
            this.in.readFully(frame);
        }
        catch (EOFException ex) {
            throw new MalformedFrameException("stream ended inside a frame of " + length + " bytes");
        }
        return frame;
    }

    static final class MalformedFrameException extends IOException {

        MalformedFrameException(String message) {
            super(message);
        }

    }

}
