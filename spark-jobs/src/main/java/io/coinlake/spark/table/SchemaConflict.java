package io.coinlake.spark.table;

import io.coinlake.spark.JobFailure;
import java.util.List;

/** A table cannot be brought to its definition without losing or reinterpreting data. */
public final class SchemaConflict extends JobFailure {
    public SchemaConflict(String table, List<String> reasons) {
        super(table + " cannot be brought to its definition, so nothing was changed:\n  - " + String.join("\n  - ", reasons));
    }
}
