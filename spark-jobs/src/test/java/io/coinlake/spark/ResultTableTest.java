package io.coinlake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static String print(String sql, int maxRows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable.print(TestLake.spark().sql(sql), maxRows, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void decimalsKeepEveryDigitNullsAreNamedAndColumnsLineUp() throws Exception {
        String table = print("SELECT * FROM VALUES ('bitcoin', CAST('60310.6888208343493939' AS DECIMAL(38,16))),"
                + " ('x', NULL) AS t(asset_id, price_usd)", 10);

        assertThat(table).isEqualTo(String.join("\n",
                "asset_id | price_usd",
                "---------+-----------------------",
                "bitcoin  | 60310.6888208343493939",
                "x        | NULL",
                "(2 rows)", ""));
    }

    @Test
    void longValuesAreCutAndExtraRowsAreAnnounced() throws Exception {
        String table = print("SELECT repeat('a', 100) AS long_value FROM range(3)", 2);

        assertThat(table).contains("a".repeat(ResultTable.WIDEST_CELL - 3) + "...")
                .doesNotContain("a".repeat(ResultTable.WIDEST_CELL))
                .endsWith("(2 rows shown; there are more: add a LIMIT or pass --max-rows)\n");
    }
}
