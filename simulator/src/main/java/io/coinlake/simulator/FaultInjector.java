package io.coinlake.simulator;

import io.coinlake.faults.Fault;
import io.coinlake.faults.FaultPlan;
import java.util.EnumMap;
import java.util.Map;

/** Counts down the faults still to inject; each request that takes a fault uses up one. */
final class FaultInjector {
    private final Map<Fault, Integer> remaining = new EnumMap<>(Fault.class);

    synchronized void add(FaultPlan plan) {
        plan.times().forEach((fault, times) -> remaining.merge(fault, times,
                (a, b) -> a == FaultPlan.ALWAYS || b == FaultPlan.ALWAYS ? FaultPlan.ALWAYS : a + b));
    }

    synchronized void clear() {
        remaining.clear();
    }

    /** True when {@code fault} should hit this request; uses it up unless it is injected always. */
    synchronized boolean take(Fault fault) {
        Integer left = remaining.get(fault);
        if (left == null) {
            return false;
        }
        if (left != FaultPlan.ALWAYS) {
            if (left == 1) {
                remaining.remove(fault);
            } else {
                remaining.put(fault, left - 1);
            }
        }
        return true;
    }
}
