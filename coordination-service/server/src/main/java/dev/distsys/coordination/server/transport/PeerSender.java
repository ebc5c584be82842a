package dev.distsys.coordination.server.transport;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.distsys.coordination.raft.Message;
import dev.distsys.coordination.raft.codec.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One persistent connection to one peer, fed by a bounded queue. Messages queue while the
 * connection writes; everything queued is written as one batch and flushed once. A full
 * queue drops the newest message: Raft retransmits what matters, and the core's
 * pipelining window already bounds what it sends, so dropping only happens when a peer is
 * slow or gone.
 */
final class PeerSender implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PeerSender.class);

    private static final int MAX_BATCH = 512;

    private static final int CONNECT_TIMEOUT_MS = 500;

    private final long peerId;

    private final InetSocketAddress address;

    private final MessageCodec codec;

    private final BlockingQueue<Message> queue;

    final AtomicLong dropped = new AtomicLong();

    final AtomicLong sentFrames = new AtomicLong();

    private volatile boolean running = true;

    private volatile Socket socket;

    private DataOutputStream out;

    private long backoffMs;

    PeerSender(long peerId, InetSocketAddress address, MessageCodec codec, int queueCapacity) {
        this.peerId = peerId;
        this.address = address;
        this.codec = codec;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    void offer(Message message) {
        if (!this.queue.offer(message)) {
            this.dropped.incrementAndGet();
        }
    }

    @Override
    public void run() {
        List<Message> batch = new ArrayList<>(MAX_BATCH);
        while (this.running) {
            try {
                Message first = this.queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                this.queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            finally {
                batch.clear();
            }
        }
    }

    private void write(List<Message> batch) {
        if (this.out == null && !connect()) {
            this.dropped.addAndGet(batch.size());
            return;
        }
        try {
            for (Message message : batch) {
                byte[] bytes = this.codec.encode(message);
                this.out.writeInt(bytes.length);
                this.out.write(bytes);
            }
            this.out.flush();
            this.sentFrames.addAndGet(batch.size());
        }
        catch (IOException ex) {
            log.debug("connection to member {} at {} failed: {}", this.peerId, this.address, ex.toString());
            this.dropped.addAndGet(batch.size());
            disconnect();
        }
    }

    private boolean connect() {
        if (this.backoffMs > 0) {
            // Back off after a failed connect, so a dead peer costs little; messages
            // meanwhile
            // are dropped (Raft resends them), not queued without bound.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(this.backoffMs));
            this.queue.clear();
        }
        try {
            Socket created = new Socket();
            created.setTcpNoDelay(true);
            created.setKeepAlive(true);
            created.connect(this.address, CONNECT_TIMEOUT_MS);
            this.socket = created;
            this.out = new DataOutputStream(new BufferedOutputStream(created.getOutputStream(), 64 << 10));
            this.backoffMs = 0;
            log.info("connected to member {} at {}", this.peerId, this.address);
            return true;
        }
        catch (IOException ex) {
            this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 20), 500);
            return false;
        }
    }

    private void disconnect() {
        Socket current = this.socket;
        this.socket = null;
        this.out = null;
        if (current != null) {
            try {
                current.close();
            }
            catch (IOException ex) {
                // closing a broken socket: nothing left to do
            }
        }
    }

    void close() {
        this.running = false;
        disconnect();
    }

}
