package dev.distsys.coordination.server.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.distsys.coordination.raft.Message;
import dev.distsys.coordination.raft.codec.CodecException;
import dev.distsys.coordination.raft.codec.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raft messages between members over persistent TCP connections: length-prefixed frames
 * of {@link MessageCodec} bytes, one outbound connection per peer with a bounded queue
 * and batched writes, and one reader per inbound connection. Inbound messages are handed
 * to a consumer that may block: that is the back-pressure, since a reader that stops
 * reading fills the TCP window and then the sender's queue.
 */
public final class PeerTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerTransport.class);

    private final long selfId;

    private final InetSocketAddress listenAddress;

    private final MessageCodec codec;

    private final int maxFrameBytes;

    private final Consumer<Message> inbound;

    private final Map<Long, PeerSender> senders = new ConcurrentHashMap<>();

    private final Map<Long, AtomicLong> lastContactNanos = new ConcurrentHashMap<>();

    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private final AtomicLong rejectedFrames = new AtomicLong();

    private volatile ServerSocket server;

    private volatile boolean running = true;

    public PeerTransport(long selfId, InetSocketAddress listenAddress, Map<Long, InetSocketAddress> peers,
            int maxFrameBytes, int queueCapacity, Consumer<Message> inbound) {
        this.selfId = selfId;
        this.listenAddress = listenAddress;
        this.maxFrameBytes = maxFrameBytes;
        this.codec = new MessageCodec(maxFrameBytes);
        this.inbound = inbound;
        peers.forEach((id, address) -> {
            if (id != selfId) {
                this.senders.put(id, new PeerSender(id, address, this.codec, queueCapacity));
            }
        });
    }

    /** Binds the listening socket and starts the connection threads. */
    public void start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(this.listenAddress, 64);
        this.server = socket;
        Thread.ofPlatform().name("raft-accept-" + this.selfId).daemon().start(this::acceptLoop);
        this.senders.forEach((id,
                sender) -> Thread.ofPlatform().name("raft-send-" + this.selfId + "-to-" + id).daemon().start(sender));
    }

    /** Queues a message for its receiver; never blocks. */
    public void send(Message message) {
        PeerSender sender = this.senders.get(message.to());
        if (sender != null) {
            sender.offer(message);
        }
    }

    /**
     * @return nanoTime of the last message from {@code peerId}, or {@link Long#MIN_VALUE}
     */
    public long lastContactNanos(long peerId) {
        AtomicLong last = this.lastContactNanos.get(peerId);
        return (last != null) ? last.get() : Long.MIN_VALUE;
    }

    public long rejectedFrames() {
        return this.rejectedFrames.get();
    }

    public long droppedMessages() {
        return this.senders.values().stream().mapToLong((s) -> s.dropped.get()).sum();
    }

    private void acceptLoop() {
        while (this.running) {
            try {
                Socket socket = this.server.accept();
                socket.setTcpNoDelay(true);
                this.connections.add(socket);
                Thread.ofPlatform().name("raft-recv-" + this.selfId).daemon().start(() -> readLoop(socket));
            }
            catch (IOException ex) {
                if (this.running) {
                    log.warn("accepting peer connections failed: {}", ex.toString());
                }
            }
        }
    }

    private void readLoop(Socket socket) {
        try (socket) {
            FrameReader frames = new FrameReader(socket.getInputStream(), this.maxFrameBytes);
            byte[] frame;
            while (this.running && (frame = frames.next()) != null) {
                Message message;
                try {
                    message = this.codec.decode(frame);
                }
                catch (CodecException ex) {
                    // The frame boundary is intact, so only this frame is lost.
                    this.rejectedFrames.incrementAndGet();
                    log.warn("rejected a malformed message from {}: {}", socket.getRemoteSocketAddress(),
                            ex.getMessage());
                    continue;
                }
                if (message.to() != this.selfId) {
                    this.rejectedFrames.incrementAndGet();
                    log.warn("rejected a message for member {} (this is {})", message.to(), this.selfId);
                    continue;
                }
                this.lastContactNanos.computeIfAbsent(message.from(), (id) -> new AtomicLong()).set(System.nanoTime());
                this.inbound.accept(message);
            }
        }
        catch (FrameReader.MalformedFrameException ex) {
            this.rejectedFrames.incrementAndGet();
            log.warn("peer connection from {}: {}", socket.getRemoteSocketAddress(), ex.getMessage());
        }
        catch (IOException ex) {
            log.debug("peer connection from {} ended: {}", socket.getRemoteSocketAddress(), ex.toString());
        }
        finally {
            this.connections.remove(socket);
        }
    }

    @Override
    public void close() {
        this.running = false;
        this.senders.values().forEach(PeerSender::close);
        try {
            if (this.server != null) {
                this.server.close();
            }
        }
        catch (IOException ex) {
            log.debug("closing the peer listener: {}", ex.toString());
        }
        for (Socket socket : this.connections) {
            try {
                socket.close();
            }
            catch (IOException ex) {
                // already broken
            }
        }
    }

}
