package dev.distsys.shared.clock;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VectorClockTests {

    @Test
    void shouldCountOwnEventsAndMergeOnReceive() {
        VectorClock a = VectorClock.forProcess("a", 8);
        VectorClock b = VectorClock.forProcess("b", 8);
        VectorTimestamp send = a.tick();
        b.tick();
        VectorTimestamp receive = b.receive(send);
        assertThat(receive).isEqualTo(VectorTimestamp.of(Map.of("a", 1L, "b", 2L)));
        assertThat(send.compareTo(receive)).isEqualTo(Ordering.BEFORE);
        assertThat(receive.compareTo(send)).isEqualTo(Ordering.AFTER);
    }

    @Test
    void shouldSeeIndependentEventsAsConcurrent() {
        VectorTimestamp a = VectorClock.forProcess("a", 8).tick();
        VectorTimestamp b = VectorClock.forProcess("b", 8).tick();
        assertThat(a.compareTo(b)).isEqualTo(Ordering.CONCURRENT);
        assertThat(a.happenedBefore(b)).isFalse();
    }

    @Test
    void shouldTreatMissingEntriesAsZero() {
        assertThat(VectorTimestamp.of(Map.of("a", 0L))).isEqualTo(VectorTimestamp.empty());
        assertThat(VectorTimestamp.of(Map.of("a", 2L)).compareTo(VectorTimestamp.of(Map.of("a", 2L, "b", 0L))))
            .isEqualTo(Ordering.EQUAL);
    }

    @Test
    void shouldRefuseAVectorOverTheLimitAndStayUnchanged() {
        VectorClock clock = VectorClock.forProcess("a", 2);
        clock.tick();
        VectorTimestamp before = clock.current();
        VectorTimestamp remote = VectorTimestamp.of(Map.of("b", 1L, "c", 1L));
        assertThatExceptionOfType(VectorClockCapacityException.class).isThrownBy(() -> clock.receive(remote))
            .satisfies((ex) -> {
                assertThat(ex.maxEntries()).isEqualTo(2);
                assertThat(ex.attemptedEntries()).isEqualTo(3);
            })
            .withMessageContaining("limit of 2");
        assertThat(clock.current()).isEqualTo(before);
    }

    @Test
    void shouldRejectInvalidInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> VectorTimestamp.of(Map.of("a", -1L)))
            .withMessageContaining("negative");
        assertThatIllegalArgumentException().isThrownBy(() -> VectorTimestamp.of(Map.of("a b", 1L)))
            .withMessageContaining("process id");
        assertThatIllegalArgumentException().isThrownBy(() -> VectorClock.forProcess("a", 0))
            .withMessageContaining("maxEntries");
    }

    @Test
    void shouldExposeAnUnmodifiableView() {
        VectorTimestamp timestamp = VectorTimestamp.of(Map.of("a", 1L));
        assertThatExceptionOfType(UnsupportedOperationException.class)
            .isThrownBy(() -> timestamp.entries().put("b", 1L));
    }

}
