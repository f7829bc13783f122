package io.coinlake.spark;

import io.coinlake.spark.table.LakeTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;

/** Appends rows to a lake table by column name, in one commit (on the session's audit branch, if any). */
public final class TableAppend {
    private TableAppend() {
    }

    public static void rows(Dataset<Row> rows, LakeTable table) {
        try {
            rows.writeTo(table.name()).append();
        } catch (NoSuchTableException e) {
            throw new IllegalStateException(table + " disappeared while it was being written: did someone drop it?"
                    + " The next run creates it again.", e);
        }
    }
}
