package dev.distsys.shared.clock;

import java.util.List;

import dev.distsys.shared.clock.Execution.Event;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clocks against the true happened-before relation of random executions: every
 * property runs a few hundred generated executions of up to 60 steps.
 */
class HappenedBeforePropertyTests {

    @Property(tries = 300)
    void shouldOrderVectorTimestampsExactlyAsHappenedBefore(@ForAll @IntRange(min = 1, max = 4) int processes,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 10_000) Integer> choices) {
        Execution execution = Execution.run(processes, choices);
        for (Event a : execution.events()) {
            for (Event b : execution.events()) {
                Ordering expected = (a == b) ? Ordering.EQUAL : execution.happenedBefore(a, b) ? Ordering.BEFORE
                        : execution.happenedBefore(b, a) ? Ordering.AFTER : Ordering.CONCURRENT;
                assertThat(a.vector().compareTo(b.vector())).as("%s vs %s", a, b).isEqualTo(expected);
            }
        }
    }

    @Property(tries = 300)
    void shouldSatisfyTheLamportClockCondition(@ForAll @IntRange(min = 1, max = 4) int processes,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 10_000) Integer> choices) {
        Execution execution = Execution.run(processes, choices);
        for (Event a : execution.events()) {
            for (Event b : execution.events()) {
                if (execution.happenedBefore(a, b)) {
                    assertThat(a.lamport()).as("L(%s) < L(%s)", a, b).isLessThan(b.lamport());
                }
            }
        }
    }

    @Property(tries = 300)
    void shouldOrderEverySendBeforeItsReceive(@ForAll @IntRange(min = 2, max = 4) int processes,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 10_000) Integer> choices) {
        Execution execution = Execution.run(processes, choices);
        for (int[] message : execution.messages()) {
            Event send = execution.events().get(message[0]);
            Event receive = execution.events().get(message[1]);
            assertThat(send.vector().compareTo(receive.vector())).isEqualTo(Ordering.BEFORE);
            assertThat(send.lamport()).isLessThan(receive.lamport());
        }
    }

    @Property(tries = 300)
    void shouldBeIrreflexiveAntisymmetricAndTransitive(@ForAll @IntRange(min = 1, max = 4) int processes,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 10_000) Integer> choices) {
        List<Event> events = Execution.run(processes, choices).events();
        for (Event a : events) {
            assertThat(a.vector().happenedBefore(a.vector())).isFalse();
            for (Event b : events) {
                Ordering ab = a.vector().compareTo(b.vector());
                assertThat(b.vector().compareTo(a.vector())).isEqualTo(converse(ab));
                for (Event c : events) {
                    if (ab == Ordering.BEFORE && b.vector().happenedBefore(c.vector())) {
                        assertThat(a.vector().happenedBefore(c.vector())).isTrue();
                    }
                }
            }
        }
    }

    private static Ordering converse(Ordering ordering) {
        return switch (ordering) {
            case BEFORE -> Ordering.AFTER;
            case AFTER -> Ordering.BEFORE;
            default -> ordering;
        };
    }

}
