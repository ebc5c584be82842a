package dev.distsys.shared.clock;

import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** Merge is a join: commutative, associative, idempotent, and an upper bound. */
class VectorTimestampPropertyTests {

    @Property(tries = 300)
    void shouldMergeCommutatively(@ForAll("timestamps") VectorTimestamp a, @ForAll("timestamps") VectorTimestamp b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 300)
    void shouldMergeAssociatively(@ForAll("timestamps") VectorTimestamp a, @ForAll("timestamps") VectorTimestamp b,
            @ForAll("timestamps") VectorTimestamp c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property(tries = 300)
    void shouldMergeIdempotently(@ForAll("timestamps") VectorTimestamp a) {
        assertThat(a.merge(a)).isEqualTo(a);
    }

    @Property(tries = 300)
    void shouldMergeToTheLeastUpperBound(@ForAll("timestamps") VectorTimestamp a,
            @ForAll("timestamps") VectorTimestamp b) {
        VectorTimestamp merged = a.merge(b);
        assertThat(a.compareTo(merged)).isIn(Ordering.BEFORE, Ordering.EQUAL);
        assertThat(b.compareTo(merged)).isIn(Ordering.BEFORE, Ordering.EQUAL);
        if (a.compareTo(b) == Ordering.CONCURRENT) {
            assertThat(merged).isNotEqualTo(a).isNotEqualTo(b);
        }
    }

    @Property(tries = 300)
    void shouldIncrementIntoTheFuture(@ForAll("timestamps") VectorTimestamp a) {
        assertThat(a.compareTo(a.increment("p1"))).isEqualTo(Ordering.BEFORE);
    }

    /**
     * Few processes and small counters, so that equal and ordered pairs come up often.
     */
    @Provide
    Arbitrary<VectorTimestamp> timestamps() {
        return Arbitraries.maps(Arbitraries.of("p0", "p1", "p2", "p3"), Arbitraries.longs().between(0, 3))
            .ofMaxSize(4)
            .map(VectorTimestamp::of);
    }

    @Property(tries = 100)
    void shouldIgnoreZeroEntriesInEquality(@ForAll("timestamps") VectorTimestamp a) {
        assertThat(VectorTimestamp.of(Map.copyOf(a.entries()))).isEqualTo(a);
    }

}
