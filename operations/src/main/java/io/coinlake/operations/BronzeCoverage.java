package io.coinlake.operations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether one partition's bronze objects hold every offset of a produce run, from its first record
 * up to its end-of-batch marker. An object holds consecutive offsets from the one in its key, so
 * its first offset and its line count say exactly which offsets it holds.
 */
public final class BronzeCoverage {
    private BronzeCoverage() {
    }

    /** One landed object of the partition: the first offset from its key and how many lines it holds. */
    public record LandedObject(long firstOffset, long lines) {
        public long endOffset() {
            return firstOffset + lines;
        }
    }

    /** Offsets {@code from} to {@code to}, both included, that no object holds, or that two objects hold. */
    public record Gap(long from, long to, boolean overlap) {
        @Override
        public String toString() {
            String range = from == to ? Long.toString(from) : from + "-" + to;
            return overlap ? range + " (held twice)" : range;
        }
    }

    /**
     * The gaps in {@code [firstOffset, markerOffset)}, in offset order; empty when the run is whole.
     * Objects outside that range are ignored (other runs of the same date).
     */
    public static List<Gap> gaps(long firstOffset, long markerOffset, List<LandedObject> objects) {
        List<Gap> gaps = new ArrayList<>();
        long next = firstOffset;
        List<LandedObject> inRun = objects.stream()
                .filter(o -> o.firstOffset() >= firstOffset && o.firstOffset() < markerOffset)
                .sorted(Comparator.comparingLong(LandedObject::firstOffset)).toList();
        for (LandedObject object : inRun) {
            if (object.firstOffset() > next) {
                gaps.add(new Gap(next, object.firstOffset() - 1, false));
            } else if (object.firstOffset() < next) {
                gaps.add(new Gap(object.firstOffset(), Math.min(next, object.endOffset()) - 1, true));
            }
            next = Math.max(next, object.endOffset());
        }
        if (next < markerOffset) {
            gaps.add(new Gap(next, markerOffset - 1, false));
        } else if (next > markerOffset) {
            gaps.add(new Gap(markerOffset, next - 1, true));
        }
        return gaps;
    }
}
