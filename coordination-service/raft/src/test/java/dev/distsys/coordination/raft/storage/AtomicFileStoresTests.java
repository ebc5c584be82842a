package dev.distsys.coordination.raft.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.distsys.coordination.raft.HardState;
import dev.distsys.coordination.raft.Membership;
import dev.distsys.coordination.raft.Snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileStoresTests {

    @TempDir
    Path dir;

    @Test
    void shouldStartEmptyAndReturnTheLastSavedHardState() {
        FileHardStateStore store = new FileHardStateStore(this.dir);
        assertThat(store.load()).isEqualTo(HardState.EMPTY);
        store.save(new HardState(3, 2, 10));
        store.save(new HardState(4, 1, 12));
        assertThat(new FileHardStateStore(this.dir).load()).isEqualTo(new HardState(4, 1, 12));
    }

    @Test
    void shouldIgnoreALeftOverTemporaryFileFromACrashedSave() throws IOException {
        FileHardStateStore store = new FileHardStateStore(this.dir);
        store.save(new HardState(3, 2, 10));
        Files.write(this.dir.resolve("hardstate.tmp"), new byte[] { 1, 2, 3 });
        assertThat(new FileHardStateStore(this.dir).load()).isEqualTo(new HardState(3, 2, 10));
    }

    @Test
    void shouldRejectADamagedHardStateFile() throws IOException {
        new FileHardStateStore(this.dir).save(new HardState(3, 2, 10));
        byte[] bytes = Files.readAllBytes(this.dir.resolve("hardstate"));
        bytes[12] ^= 1;
        Files.write(this.dir.resolve("hardstate"), bytes);
        assertThatThrownBy(() -> new FileHardStateStore(this.dir).load()).isInstanceOf(StorageException.class)
            .hasMessageContaining("CRC32C");
    }

    @Test
    void shouldRoundTripTheLatestSnapshot() {
        FileSnapshotStore store = new FileSnapshotStore(this.dir);
        assertThat(store.load()).isEmpty();
        store.save(new Snapshot(10, 2, Membership.ofVoters(1L, 2L, 3L), "state-a".getBytes()));
        store.save(new Snapshot(20, 3, Membership.ofVoters(1L, 2L), "state-b".getBytes()));
        Snapshot loaded = new FileSnapshotStore(this.dir).load().orElseThrow();
        assertThat(loaded.index()).isEqualTo(20);
        assertThat(loaded.term()).isEqualTo(3);
        assertThat(loaded.membership()).isEqualTo(Membership.ofVoters(1L, 2L));
        assertThat(loaded.data()).isEqualTo("state-b".getBytes());
    }

}
