package io.coinlake.spark.silver;

import static org.assertj.core.api.Assertions.assertThat;

import io.coinlake.config.CoinlakeConfig;
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
        Dataset<Row> lines = read(List.of(DAY));

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

    @Test
    void aShortRangeListsOnlyItsDatesAndALongOneTheTopicOnce() throws Exception {
        LocalDate day = LocalDate.of(2026, 5, 24);
        LocalDate earlier = day.minusDays(40);
        Bronze.land(day, 1, 7, List.of("{\"a\":1}"));
        Bronze.land(earlier, 1, 3, List.of("{\"a\":0}"));

        // A Dataset's input files are what its listing found, before the dates are picked from them.
        assertThat(read(List.of(day)).inputFiles()).isNotEmpty().allSatisfy(file -> assertThat(file).contains("/dt=" + day + "/"));
        List<LocalDate> longRange = day.minusDays(BronzeLines.DATES_LISTED_ONE_BY_ONE).datesUntil(day.plusDays(1)).toList();
        Dataset<Row> lines = read(longRange);
        assertThat(lines.inputFiles()).anySatisfy(file -> assertThat(file).contains("/dt=" + earlier + "/"));
        assertThat(lines.where("bronze_date = DATE'" + earlier + "'").count()).as("a date outside the range").isZero();
        assertThat(lines.where("bronze_date = DATE'" + day + "'").count()).isEqualTo(1);
    }

    private static Dataset<Row> read(List<LocalDate> dates) throws Exception {
        CoinlakeConfig config = TestLake.config();
        List<String> directories = dates.stream().map(date -> LakeCatalog.bronzeDirectory(config, date)).toList();
        String topic = directories.get(0).replaceFirst("/dt=.*", "");
        return BronzeLines.read(TestLake.spark(), topic, directories, dates);
    }
}
