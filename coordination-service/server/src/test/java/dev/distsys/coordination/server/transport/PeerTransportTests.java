package dev.distsys.coordination.server.transport;

import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.distsys.coordination.raft.Message;
import dev.distsys.coordination.raft.codec.MessageCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PeerTransportTests {

    private final List<Message> received = new CopyOnWriteArrayList<>();

    private PeerTransport a;

    private PeerTransport b;

    @AfterEach
    void close() {
        if (this.a != null) {
            this.a.close();
        }
        if (this.b != null) {
            this.b.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldDeliverMessagesInOrderOverOnePersistentConnection() throws Exception {
        int portA = freePort();
        int portB = freePort();
        Map<Long, InetSocketAddress> peers = Map.of(1L, new InetSocketAddress("127.0.0.1", portA), 2L,
                new InetSocketAddress("127.0.0.1", portB));
        this.a = new PeerTransport(1, peers.get(1L), peers, 1 << 20, 1024, (m) -> {
        });
        this.b = new PeerTransport(2, peers.get(2L), peers, 1 << 20, 1024, this.received::add);
        this.a.start();
        this.b.start();

        for (int i = 1; i <= 500; i++) {
            this.a.send(new Message.Heartbeat(1, 2, 1, i, 0));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() == 500);
        assertThat(this.received).extracting((m) -> ((Message.Heartbeat) m).commit())
            .isSorted()
            .startsWith(1L)
            .endsWith(500L);
        assertThat(this.b.lastContactNanos(1)).isNotEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldRejectMalformedFramesAndAForgedLengthWithoutCrashing() throws Exception {
        int portB = freePort();
        Map<Long, InetSocketAddress> peers = Map.of(2L, new InetSocketAddress("127.0.0.1", portB));
        this.b = new PeerTransport(2, peers.get(2L), peers, 1 << 20, 1024, this.received::add);
        this.b.start();
        byte[] valid = MessageCodec.ofDefaults().encode(new Message.Heartbeat(1, 2, 1, 7, 0));

        try (Socket socket = new Socket("127.0.0.1", portB)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(5);
            out.write(new byte[] { 'x', 'y', 'z', 1, 2 });
            out.writeInt(valid.length);
            out.write(valid);
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() == 1);
        }
        try (Socket socket = new Socket("127.0.0.1", portB)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(Integer.MAX_VALUE);
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> this.b.rejectedFrames() == 2);
            assertThat(socket.getInputStream().read()).as("the connection is closed").isEqualTo(-1);
        }
        try (Socket socket = new Socket("127.0.0.1", portB)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(valid.length);
            out.write(valid);
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() == 2);
        }
    }

}
