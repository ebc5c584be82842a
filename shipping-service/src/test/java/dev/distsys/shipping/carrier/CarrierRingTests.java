package dev.distsys.shipping.carrier;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The consistent-hash ring that gives each order its carrier. */
class CarrierRingTests {

    private static final List<String> CARRIERS = List.of("parcel-north", "parcel-south", "parcel-east");

    private static final List<String> ORDERS = IntStream.range(0, 10_000).mapToObj((i) -> "order-" + i).toList();

    private final CarrierRing ring = CarrierRing.of(CARRIERS, 64);

    @Test
    void shouldGiveAnOrderTheSameCarrierEveryTimeWhateverTheConfiguredOrder() {
        CarrierRing reordered = CarrierRing.of(List.of("parcel-east", "parcel-south", "parcel-north"), 64);
        for (String order : ORDERS) {
            assertThat(this.ring.carrierFor(order)).isEqualTo(this.ring.carrierFor(order))
                .isEqualTo(reordered.carrierFor(order));
        }
    }

    @Test
    void shouldHashWithAFixedFunction() {
        // Pinned: another hash function would move every order of every running platform.
        assertThat(CarrierRing.hash("O-1")).isEqualTo(-3509472305370915845L);
        assertThat(CarrierRing.hash("O-2")).isEqualTo(6588188285764104361L);
    }

    @Test
    void shouldSpreadOrdersOverEveryCarrier() {
        Map<String, Integer> counts = new HashMap<>();
        ORDERS.forEach((order) -> counts.merge(this.ring.carrierFor(order), 1, Integer::sum));
        assertThat(counts).containsOnlyKeys(CARRIERS);
        assertThat(counts.values()).allSatisfy((count) -> assertThat(count).isBetween(2_000, 4_700));
    }

    @Test
    void shouldMoveOnlyTheOrdersOfACarrierThatIsSwitchedOff() {
        for (String off : CARRIERS) {
            int moved = 0;
            for (String order : ORDERS) {
                String before = this.ring.carrierFor(order);
                String after = this.ring.carrierFor(order, (carrier) -> !carrier.equals(off)).orElseThrow();
                if (before.equals(off)) {
                    assertThat(after).isNotEqualTo(off);
                    moved++;
                }
                else {
                    assertThat(after).as("order %s of %s with %s off", order, before, off).isEqualTo(before);
                }
            }
            assertThat(moved).isPositive();
        }
    }

    @Test
    void shouldMoveOrdersOnlyToACarrierThatIsAdded() {
        CarrierRing grown = CarrierRing.of(List.of("parcel-north", "parcel-south", "parcel-east", "parcel-west"), 64);
        int moved = 0;
        for (String order : ORDERS) {
            String before = this.ring.carrierFor(order);
            String after = grown.carrierFor(order);
            if (!after.equals(before)) {
                assertThat(after).isEqualTo("parcel-west");
                moved++;
            }
        }
        assertThat(moved).isBetween(1_000, 4_000);
    }

    @Test
    void shouldFindNoCarrierWhenNoneIsAvailable() {
        assertThat(this.ring.carrierFor("O-1", (carrier) -> false)).isEmpty();
        assertThat(this.ring.carrierFor("O-1", "parcel-south"::equals)).contains("parcel-south");
    }

    @Test
    void shouldRefuseAnEmptyRingOrNoVirtualNodes() {
        assertThatIllegalArgumentException().isThrownBy(() -> CarrierRing.of(List.of(), 64));
        assertThatIllegalArgumentException().isThrownBy(() -> CarrierRing.of(CARRIERS, 0));
        assertThat(CarrierRing.of(List.of("solo"), 1).carrierFor("anything")).isEqualTo("solo");
    }

}
