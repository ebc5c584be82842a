package dev.distsys.coordination.raft.codec;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.Message;
import dev.distsys.coordination.raft.Message.AppendRequest;
import dev.distsys.coordination.raft.RandomSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTests {

    private final MessageCodec codec = new MessageCodec(1 << 20);

    static List<Message> samples() {
        Membership membership = new Membership(java.util.Set.of(1L, 2L, 3L), java.util.Set.of(4L));
        return List.of(new Message.VoteRequest(1, 2, 7, 40, 6, true, false),
                new Message.VoteRequest(1, 2, 7, 40, 6, false, true), new Message.VoteResponse(2, 1, 7, false, true),
                new AppendRequest(1, 3, 7, 39, 6,
                        List.of(Entry.normal(40, 7, "put x 1".getBytes()), Entry.normal(41, 7, null),
                                Entry.config(42, 7, membership)),
                        38),
                new AppendRequest(1, 3, 7, 41, 7, List.of(), 41),
                new Message.AppendResponse(3, 1, 7, false, 0, 41, 30, 5),
                new Message.AppendResponse(3, 1, 7, true, 42, 0, 0, 0), new Message.Heartbeat(1, 2, 7, 38, 12),
                new Message.HeartbeatResponse(2, 1, 7, 12),
                new Message.SnapshotChunk(1, 4, 7, 100, 6, membership, 10, 4, new byte[] { 1, 2, 3 }, false),
                new Message.SnapshotResponse(4, 1, 7, 100, 7, false, 0), new Message.TimeoutNow(1, 2, 7));
    }

    @Test
    void shouldRoundTripEveryMessageType() {
        for (Message message : samples()) {
            byte[] bytes = this.codec.encode(message);
            assertThat(this.codec.decode(bytes)).usingRecursiveComparison().isEqualTo(message);
            assertThat(this.codec.decode(ByteBuffer.wrap(bytes))).usingRecursiveComparison().isEqualTo(message);
        }
    }

    @Test
    void shouldRejectEveryTruncation() {
        for (Message message : samples()) {
            byte[] bytes = this.codec.encode(message);
            for (int length = 0; length < bytes.length; length++) {
                byte[] truncated = java.util.Arrays.copyOf(bytes, length);
                assertThatThrownBy(() -> this.codec.decode(truncated)).isInstanceOf(CodecException.class);
            }
        }
    }

    @Test
    void shouldRejectTrailingBytes() {
        byte[] bytes = this.codec.encode(new Message.TimeoutNow(1, 2, 3));
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> this.codec.decode(longer)).isInstanceOf(CodecException.class)
            .hasMessageContaining("trailing");
    }

    @Test
    void shouldRejectAnUnknownVersionSayingWhichOneItReads() {
        byte[] bytes = this.codec.encode(new Message.TimeoutNow(1, 2, 3));
        bytes[1] = 9;
        assertThatThrownBy(() -> this.codec.decode(bytes)).isInstanceOf(CodecException.class)
            .hasMessageContaining("unsupported codec version 9");
    }

    @Test
    void shouldRejectAnUnknownType() {
        byte[] bytes = this.codec.encode(new Message.TimeoutNow(1, 2, 3));
        bytes[2] = 77;
        assertThatThrownBy(() -> this.codec.decode(bytes)).isInstanceOf(CodecException.class)
            .hasMessageContaining("unknown message type");
    }

    @Test
    void shouldRejectAForgedEntryCountWithoutAllocatingIt() {
        byte[] bytes = this.codec.encode(new AppendRequest(1, 2, 3, 0, 0, List.of(), 0));
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, Integer.MAX_VALUE);
        assertThatThrownBy(() -> this.codec.decode(bytes)).isInstanceOf(CodecException.class)
            .hasMessageContaining("entry count");
    }

    @Test
    void shouldRejectAForgedDataLength() {
        byte[] bytes = this.codec.encode(new AppendRequest(1, 2, 3, 0, 0, List.of(Entry.normal(1, 3, new byte[8])), 0));
        ByteBuffer.wrap(bytes).putInt(bytes.length - 12, 1 << 30);
        assertThatThrownBy(() -> this.codec.decode(bytes)).isInstanceOf(CodecException.class)
            .hasMessageContaining("exceeds");
    }

    @Test
    void shouldRefuseToEncodeOrDecodeBeyondTheSizeLimit() {
        MessageCodec small = new MessageCodec(64);
        AppendRequest big = new AppendRequest(1, 2, 3, 0, 0, List.of(Entry.normal(1, 3, new byte[100])), 0);
        assertThatThrownBy(() -> small.encode(big)).isInstanceOf(CodecException.class)
            .hasMessageContaining("maxMessageBytes");
        byte[] bytes = this.codec.encode(big);
        assertThatThrownBy(() -> small.decode(bytes)).isInstanceOf(CodecException.class);
    }

    @Test
    void shouldOnlyEverThrowCodecExceptionOnRandomDamage() {
        RandomSource random = RandomSource.seeded(42);
        for (Message message : samples()) {
            byte[] original = this.codec.encode(message);
            for (int round = 0; round < 2000; round++) {
                byte[] damaged = original.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                try {
                    this.codec.decode(damaged);
                }
                catch (CodecException expected) {
                    // the only acceptable failure
                }
            }
        }
    }

}
