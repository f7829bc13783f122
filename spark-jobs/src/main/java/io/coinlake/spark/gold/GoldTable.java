package io.coinlake.spark.gold;

import io.coinlake.spark.quality.SqlChecks;
import io.coinlake.spark.SqlTemplate;
import io.coinlake.spark.table.LakeTable;
import java.util.Optional;

/**
 * One gold table: its definition, its SQL ({@code <table>.sql}) and checks ({@code <table>.checks.sql})
 * next to this class, and how a run writes it.
 *
 * @param candidates for {@link Write#CHANGED_ROWS}, the table whose every row the SQL considers
 *                   (what "unchanged" is counted against), e.g. {@code silver.assets}; null otherwise
 */
record GoldTable(LakeTable definition, Write write, String candidates) {
    enum Write {
        /**
         * The SQL gives every row of the run's days; only the days whose rows differ are replaced
         * ({@link ChangedDays}). The table's partition column is {@code day}.
         */
        CHANGED_DAYS,
        /**
         * The SQL gives only the new or changed rows, with a boolean {@code is_new}; they are
         * MERGEd on the grain ({@link io.coinlake.spark.ChangedRows}).
         */
        CHANGED_ROWS
    }

    private static final String FOLDER = "io/coinlake/spark/gold/";

    GoldTable {
        if (write == Write.CHANGED_DAYS && (definition.partition() == null || !"day".equals(definition.partition().column()))) {
            throw new IllegalArgumentException(definition + ": CHANGED_DAYS needs a table partitioned on its day column");
        }
        if ((write == Write.CHANGED_ROWS) != (candidates != null)) {
            throw new IllegalArgumentException(definition + ": CHANGED_ROWS, and only it, names its candidates");
        }
    }

    /** The name its SQL and the tables built after it know it by, e.g. {@code fct_asset_daily}. */
    String name() {
        return definition.identifier().name();
    }

    String sql() {
        return SqlTemplate.load(FOLDER + name() + ".sql");
    }

    Optional<SqlChecks> checks() {
        String resource = FOLDER + name() + ".checks.sql";
        return SqlTemplate.exists(resource) ? Optional.of(SqlChecks.load(resource, definition.shortName())) : Optional.empty();
    }

    /** The MERGE of {@link Write#CHANGED_ROWS}, with {@code %s} for the view of the changed rows. */
    String mergeOnGrain() {
        String on = String.join(" AND ", definition.grain().stream().map(c -> "t." + c + " = s." + c).toList());
        return "MERGE INTO " + definition + " t USING %s s ON " + on
                + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *";
    }
}
