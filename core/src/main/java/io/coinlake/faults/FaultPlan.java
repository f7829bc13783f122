package io.coinlake.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which faults to inject and for how many requests, written {@code fault[:times],...}
 * (e.g. {@code server-error:2,rate-limit}); times defaults to 1, {@code *} means every request.
 */
public record FaultPlan(Map<Fault, Integer> times) {
    public static final int ALWAYS = Integer.MAX_VALUE;
    public static final FaultPlan NONE = new FaultPlan(Map.of());

    public FaultPlan {
        times = Map.copyOf(times);
    }

    public static FaultPlan parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Map<Fault, Integer> times = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] pieces = part.split(":", 2);
            Fault fault = Fault.fromLabel(pieces[0]);
            int count = 1;
            if (pieces.length == 2) {
                String countText = pieces[1].trim();
                try {
                    count = countText.equals("*") ? ALWAYS : Integer.parseInt(countText);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + countText + "' is not a count of requests for " + fault.label());
                }
                if (count < 1) {
                    throw new IllegalArgumentException("the count for " + fault.label() + " must be at least 1");
                }
            }
            times.merge(fault, count, (a, b) -> a == ALWAYS || b == ALWAYS ? ALWAYS : a + b);
        }
        return new FaultPlan(times);
    }

    public static String knownLabels() {
        List<String> labels = new ArrayList<>();
        for (Fault fault : Fault.values()) {
            labels.add(fault.label());
        }
        return String.join(", ", labels);
    }

    @Override
    public String toString() {
        return times.entrySet().stream()
                .map(e -> e.getKey().label() + (e.getValue() == ALWAYS ? ":*" : ":" + e.getValue()))
                .collect(Collectors.joining(","));
    }
}
