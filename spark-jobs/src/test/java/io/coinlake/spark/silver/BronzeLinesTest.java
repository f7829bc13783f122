package io.coinlake.spark.silver;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.spark.Bronze;
import io.coinlake.spark.LakeCatalog;
import io.coinlake.spark.TestLake;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class BronzeLinesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 5, 4);

    @Test
    void everyLineKeepsItsNumberAndOffsetAndEachObjectIsSplitOnce() throws Exception {
        Bronze.land(DAY, 1, 40, List.of("{\"a\":1}", "{\"a\":2}", "not json"));
        String topic = LakeCatalog.bronzeDirectory(TestLake.config(), DAY).replaceFirst("/dt=.*", "");
        Dataset<Row> lines = BronzeLines.read(TestLake.spark(), topic, List.of(DAY));

        List<Row> rows = lines.orderBy("line_number").collectAsList();

        assertThat(rows).extracting(row -> row.<Integer>getAs("line_number")).containsExactly(1, 2, 3);
        assertThat(rows).extracting(row -> row.<Long>getAs("kafka_offset")).containsExactly(40L, 41L, 42L);
        assertThat(rows).extracting(row -> row.<String>getAs("raw_line")).containsExactly("{\"a\":1}", "{\"a\":2}", "not json");
        assertThat(rows).allSatisfy(row -> assertThat(row.<LocalDate>getAs("bronze_date")).isEqualTo(DAY));
        // Splitting beside the generator split the whole object again for each of its lines: a
        // year at 2000 assets then took many minutes (decisions.md, 31).
        // The plan prints top-down: nothing evaluated on the generator's output may split again.
        String plan = lines.queryExecution().executedPlan().toString();
        assertThat(plan.substring(0, plan.indexOf("Generate posexplode"))).as(plan).doesNotContain("split(");
    }
}
