package io.coinlake.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.operations.BronzeCoverage.LandedObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class BronzeCoverageTest {
    @Test
    void objectsHoldingEveryOffsetUpToTheMarkerLeaveNoGap() {
        assertThat(BronzeCoverage.gaps(10, 20, List.of(new LandedObject(15, 5), new LandedObject(10, 5)))).isEmpty();
    }

    @Test
    void aMissingFirstObjectIsNamedByItsOffsets() {
        assertThat(BronzeCoverage.gaps(0, 47, List.of(new LandedObject(29, 18))))
                .extracting(Object::toString).containsExactly("0-28");
    }

    @Test
    void holesInTheMiddleAndAtTheEndAreEachNamed() {
        assertThat(BronzeCoverage.gaps(0, 10, List.of(new LandedObject(0, 3), new LandedObject(5, 2))))
                .extracting(Object::toString).containsExactly("3-4", "7-9");
        assertThat(BronzeCoverage.gaps(4, 5, List.of())).extracting(Object::toString).containsExactly("4");
    }

    @Test
    void offsetsHeldTwiceAreAnErrorToo() {
        assertThat(BronzeCoverage.gaps(0, 6, List.of(new LandedObject(0, 4), new LandedObject(2, 4))))
                .extracting(Object::toString).containsExactly("2-3 (held twice)");
    }

    @Test
    void objectsOfOtherRunsOfTheDateAreIgnored() {
        assertThat(BronzeCoverage.gaps(10, 13, List.of(new LandedObject(0, 9), new LandedObject(10, 3),
                new LandedObject(15, 3)))).isEmpty();
    }
}
