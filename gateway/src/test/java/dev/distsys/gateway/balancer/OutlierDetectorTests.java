package dev.distsys.gateway.balancer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutlierDetectorTests {

    private final AtomicLong now = new AtomicLong();

    private final OutlierDetector detector = new OutlierDetector(3, Duration.ofSeconds(1), Duration.ofSeconds(4),
            this.now::get);

    @Test
    void shouldEjectAfterConsecutiveFailuresForAGrowingBackoff() {
        fail("a", 2);
        this.detector.recordSuccess("a");
        fail("a", 2);
        assertThat(this.detector.isEjected("a")).isFalse();
        fail("a", 1);
        assertThat(this.detector.isEjected("a")).isTrue();
        advance(1000);
        assertThat(this.detector.isEjected("a")).isFalse();
        fail("a", 3);
        advance(1999);
        assertThat(this.detector.isEjected("a")).isTrue();
        advance(1);
        assertThat(this.detector.isEjected("a")).isFalse();
        fail("a", 3);
        advance(3999);
        assertThat(this.detector.isEjected("a")).isTrue();
        advance(1);
        fail("a", 3);
        // Capped at the maximum of 4 s.
        advance(4000);
        assertThat(this.detector.isEjected("a")).isFalse();
    }

    @Test
    void shouldForgiveEjectionsAfterAQuietPeriod() {
        fail("a", 3);
        advance(1000);
        fail("a", 3);
        advance(2000);
        advance(2001);
        this.detector.recordSuccess("a");
        fail("a", 3);
        advance(1000);
        assertThat(this.detector.isEjected("a")).isFalse();
    }

    @Test
    void shouldNeverEjectEveryCandidate() {
        List<Candidate> candidates = List.of(Candidate.of("a"), Candidate.of("b"));
        fail("a", 3);
        assertThat(this.detector.available(candidates)).extracting(Candidate::id).containsExactly("b");
        fail("b", 3);
        assertThat(this.detector.available(candidates)).isEqualTo(candidates);
    }

    private void fail(String id, int times) {
        for (int i = 0; i < times; i++) {
            this.detector.recordFailure(id);
        }
    }

    private void advance(long millis) {
        this.now.addAndGet(Duration.ofMillis(millis).toNanos());
    }

}
