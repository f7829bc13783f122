package io.coinlake.spark.table;

import java.util.Locale;
import java.util.Objects;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.UpdatePartitionSpec;
import org.apache.iceberg.expressions.Expressions;

/**
 * How a table is partitioned: by one date column, a partition per day or per month.
 *
 * <p>Months, not days, for the lake's daily tables: a write costs a file per partition it
 * touches, and a year loaded in one run wrote 365 files of a few kilobytes per table (decisions.md, 40).
 *
 * @param column the date column, which is also what the lake's per-date reads filter on
 */
public record LakePartition(String column, Granularity granularity) {
    public enum Granularity {
        /** Iceberg's identity transform: one partition per value. */
        DAY("identity"),
        /** Iceberg's month transform. */
        MONTH("month");

        private final String transform;

        Granularity(String transform) {
            this.transform = transform;
        }
    }

    public LakePartition {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(granularity, "granularity");
    }

    public static LakePartition byDay(String column) {
        return new LakePartition(column, Granularity.DAY);
    }

    public static LakePartition byMonth(String column) {
        return new LakePartition(column, Granularity.MONTH);
    }

    /** As Iceberg names the partition field's transform and source, e.g. {@code month(day)}. */
    public String describe() {
        return granularity.transform + "(" + column + ")";
    }

    /** For docs: e.g. "by month of `day`". */
    public String inWords() {
        return granularity == Granularity.DAY ? "by `" + column + "`"
                : "by " + granularity.name().toLowerCase(Locale.ROOT) + " of `" + column + "`";
    }

    void addTo(PartitionSpec.Builder spec) {
        switch (granularity) {
            case DAY -> spec.identity(column);
            case MONTH -> spec.month(column);
        }
    }

    void addTo(UpdatePartitionSpec spec) {
        switch (granularity) {
            case DAY -> spec.addField(column);
            case MONTH -> spec.addField(Expressions.month(column));
        }
    }
}
