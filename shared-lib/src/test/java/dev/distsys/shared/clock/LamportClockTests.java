package dev.distsys.shared.clock;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LamportClockTests {

    @Test
    void shouldAdvanceByOneOnEveryLocalEvent() {
        LamportClock clock = LamportClock.create();
        assertThat(clock.current()).isZero();
        assertThat(clock.tick()).isEqualTo(1);
        assertThat(clock.tick()).isEqualTo(2);
        assertThat(clock.current()).isEqualTo(2);
    }

    @Test
    void shouldJumpPastTheRemoteTimeOnReceive() {
        LamportClock clock = LamportClock.create();
        clock.tick();
        assertThat(clock.receive(10)).isEqualTo(11);
        assertThat(clock.receive(3)).isEqualTo(12);
    }

    @Test
    void shouldResumeFromAPersistedTime() {
        assertThat(LamportClock.resumeFrom(41).tick()).isEqualTo(42);
    }

    @Test
    void shouldRejectCorruptRemoteTimesWithoutMovingTheClock() {
        LamportClock clock = LamportClock.create();
        assertThatIllegalArgumentException().isThrownBy(() -> clock.receive(-1)).withMessageContaining("remote");
        assertThatIllegalArgumentException().isThrownBy(() -> clock.receive(Long.MAX_VALUE));
        assertThat(clock.current()).isZero();
    }

    @Test
    void shouldHandOutEveryTimestampExactlyOnceUnderContention() throws Exception {
        LamportClock clock = LamportClock.create();
        int threads = 4;
        int ticksPerThread = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long[] seen = new long[ticksPerThread];
                    for (int i = 0; i < ticksPerThread; i++) {
                        seen[i] = clock.tick();
                    }
                    return seen;
                }));
            }
            start.countDown();
            Set<Long> all = new HashSet<>();
            for (Future<long[]> result : results) {
                for (long value : result.get()) {
                    assertThat(all.add(value)).as("duplicate timestamp %d", value).isTrue();
                }
            }
        }
        assertThat(clock.current()).isEqualTo((long) threads * ticksPerThread);
    }

}
