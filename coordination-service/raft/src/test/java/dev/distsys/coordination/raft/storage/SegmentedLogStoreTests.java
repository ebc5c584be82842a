package dev.distsys.coordination.raft.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.distsys.coordination.raft.Entry;
import dev.distsys.coordination.raft.Membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentedLogStoreTests {

    @TempDir
    Path dir;

    private static List<Entry> entries(long from, long to, long term) {
        List<Entry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(Entry.normal(i, term, ("command-" + i).getBytes()));
        }
        return out;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(this.dir)) {
            return files.filter((p) -> p.toString().endsWith(".log")).sorted().toList();
        }
    }

    @Test
    void shouldRecoverSyncedEntriesAfterRestart() {
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 1 << 20)) {
            log.append(entries(1, 10, 1));
            log.append(List.of(Entry.config(11, 2, Membership.ofVoters(1L, 2L, 3L))));
            log.sync();
        }
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 1 << 20)) {
            assertThat(log.firstIndex()).isEqualTo(1);
            assertThat(log.lastIndex()).isEqualTo(11);
            assertThat(log.entries(1, 11)).containsExactlyElementsOf(Stream
                .concat(entries(1, 10, 1).stream(), Stream.of(Entry.config(11, 2, Membership.ofVoters(1L, 2L, 3L))))
                .toList());
        }
    }

    @Test
    void shouldReplaceTheSuffixOnAConflictingAppend() {
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 256)) {
            log.append(entries(1, 20, 1));
            log.append(entries(8, 9, 2));
            log.sync();
            assertThat(log.lastIndex()).isEqualTo(9);
        }
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 256)) {
            assertThat(log.lastIndex()).isEqualTo(9);
            assertThat(log.entries(7, 9)).extracting(Entry::term).containsExactly(1L, 2L, 2L);
        }
    }

    @Test
    void shouldCutATornTailAtTheFirstBadRecord() throws IOException {
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 1 << 20)) {
            log.append(entries(1, 5, 1));
            log.sync();
        }
        Path segment = segments().get(0);
        long size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(size - 3);
        }
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 1 << 20)) {
            assertThat(log.lastIndex()).isEqualTo(4);
            log.append(entries(5, 6, 2));
            log.sync();
        }
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 1 << 20)) {
            assertThat(log.entries(4, 6)).extracting(Entry::term).containsExactly(1L, 2L, 2L);
        }
    }

    @Test
    void shouldCutALastRecordWithABadChecksum() throws IOException {
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 1 << 20)) {
            log.append(entries(1, 3, 1));
            log.sync();
        }
        Path segment = segments().get(0);
        flipByte(segment, Files.size(segment) - 1);
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 1 << 20)) {
            assertThat(log.lastIndex()).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseToStartOnCorruptionInTheMiddle() throws IOException {
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 1 << 20)) {
            log.append(entries(1, 5, 1));
            log.sync();
        }
        Path segment = segments().get(0);
        flipByte(segment, 20);
        assertThatThrownBy(() -> SegmentedLogStore.open(this.dir, 1 << 20)).isInstanceOf(CorruptLogException.class)
            .hasMessageContaining(segment.toString())
            .hasMessageContaining("offset 0")
            .satisfies((ex) -> assertThat(((CorruptLogException) ex).offset()).isZero());
    }

    @Test
    void shouldRefuseToStartOnCorruptionInAnEarlierSegment() throws IOException {
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 128)) {
            log.append(entries(1, 20, 1));
            log.sync();
        }
        List<Path> files = segments();
        assertThat(files).hasSizeGreaterThan(2);
        flipByte(files.get(0), Files.size(files.get(0)) - 1);
        assertThatThrownBy(() -> SegmentedLogStore.open(this.dir, 128)).isInstanceOf(CorruptLogException.class)
            .hasMessageContaining(files.get(0).getFileName().toString());
    }

    @Test
    void shouldRollSegmentsAndDeleteWholeSegmentsOnCompaction() throws IOException {
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 128)) {
            log.append(entries(1, 30, 1));
            log.sync();
            int before = log.segmentCount();
            log.compact(20);
            assertThat(log.segmentCount()).isLessThan(before);
            assertThat(log.firstIndex()).isEqualTo(21);
            assertThat(log.entries(21, 30)).hasSize(10);
        }
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 128)) {
            assertThat(log.firstIndex()).isLessThanOrEqualTo(21);
            assertThat(log.lastIndex()).isEqualTo(30);
        }
    }

    @Test
    void shouldContinueAfterAnInstalledSnapshotWhenReset() {
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 128)) {
            log.append(entries(1, 5, 1));
            log.sync();
            log.reset(40);
            log.append(entries(41, 42, 3));
            log.sync();
        }
        try (SegmentedLogStore log = SegmentedLogStore.open(this.dir, 128)) {
            assertThat(log.firstIndex()).isEqualTo(41);
            assertThat(log.entries(41, 42)).extracting(Entry::term).containsExactly(3L, 3L);
        }
    }

    private static void flipByte(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= 0x5A;
        Files.write(file, bytes);
    }

}
