package io.coinlake.spark.table;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Type;

/**
 * One column of a lake table as its definition states it.
 *
 * @param renamedFrom earlier names of the column: a table that still has one of them gets an
 *                    Iceberg rename, so data files written under the old name read under the new
 */
public record LakeColumn(String name, Type type, boolean required, String doc, List<String> renamedFrom) {
    public LakeColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        renamedFrom = List.copyOf(renamedFrom);
    }

    public static LakeColumn required(String name, Type type, String doc) {
        return new LakeColumn(name, type, true, doc, List.of());
    }

    public static LakeColumn optional(String name, Type type, String doc) {
        return new LakeColumn(name, type, false, doc, List.of());
    }

    public LakeColumn renamedFrom(String earlierName) {
        List<String> names = new java.util.ArrayList<>(renamedFrom);
        names.add(earlierName);
        return new LakeColumn(name, type, required, doc, names);
    }

    /** The type as Spark SQL spells it, e.g. {@code decimal(38,16)}. */
    public String sqlType() {
        return SparkSchemaUtil.convert(type).sql().toLowerCase(Locale.ROOT);
    }
}
