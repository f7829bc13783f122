package io.coinlake.spark.benchmark;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.spark.Bronze;
import io.coinlake.spark.TestLake;
import io.coinlake.spark.gold.GoldJob;
import io.coinlake.spark.maintenance.Maintenance;
import io.coinlake.spark.silver.SilverJob;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A year of daily runs, one silver and one gold run per day as a daily schedule or a backfill
 * makes them, then {@code maintain}: prints the warehouse's files, bytes and snapshots before and
 * after. A benchmark, not a test: it asserts nothing and is excluded from ./run-tests. Run it with
 * {@code ./run-tests -pl s3server,spark-jobs -am -Pbenchmark
 * -Dtest=YearOfDailyRunsBenchmark} (about half an hour; {@code -Dbenchmark.days=N} for fewer days).
 */
@Tag("benchmark")
class YearOfDailyRunsBenchmark {
    private static final int ASSETS = 20;
    private static final LocalDate START = LocalDate.of(2025, 12, 1);

    private static String asset(String id, int rank, double price) {
        return "{\"id\":\"" + id + "\",\"rank\":\"" + rank + "\",\"symbol\":\"" + id.toUpperCase() + "\",\"name\":\"" + id
                + "\",\"supply\":\"1000\",\"maxSupply\":null,\"marketCapUsd\":\"" + String.format("%.4f", price * 1000)
                + "\",\"volumeUsd24Hr\":\"5\",\"priceUsd\":\"" + String.format("%.4f", price)
                + "\",\"changePercent24Hr\":\"0\",\"vwap24Hr\":\"1\",\"explorer\":null}";
    }

    @Test
    void aYearOfDailyRunsThenMaintain() throws Exception {
        int days = Integer.getInteger("benchmark.days", 365);
        SparkSession lake = TestLake.separateLake("year");
        String warehouse = lake.conf().get("spark.sql.catalog.lake.warehouse").replaceFirst("^s3://" + TestLake.BUCKET + "/", "");
        Map<String, String> settings = new HashMap<>(TestLake.settings(TestLake.config().home(), TestLake.s3Endpoint()));
        settings.put(Settings.COINLAKE_ASSET_COUNT.name(), Integer.toString(ASSETS));
        CoinlakeConfig config = CoinlakeConfig.of(settings);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

        long started = System.nanoTime();
        for (int d = 0; d < days; d++) {
            LocalDate day = START.plusDays(d);
            List<String> assets = new ArrayList<>();
            for (int a = 0; a < ASSETS; a++) {
                assets.add(asset("year-" + a, a + 1, (ASSETS - a) * 100 + d + 0.5));
            }
            Instant close = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
            Bronze.land(day, 0, d * 1000L, Bronze.liveBatch(day, "run-" + day, close.plusSeconds(60), close, assets));
            new SilverJob(lake, config, quiet).run(List.of(day));
            new GoldJob(lake, config, quiet).run(day, day);
            if ((d + 1) % 30 == 0) {
                System.out.printf("benchmark: %d of %d days, %.0f s%n", d + 1, days, (System.nanoTime() - started) / 1e9);
            }
        }
        double runs = (System.nanoTime() - started) / 1e9;
        System.out.printf("%nbenchmark: %d daily silver+gold runs of %d assets in %.0f s (%.1f s a day)%n", days, ASSETS, runs,
                runs / days);
        printWarehouse("before maintain", warehouse);
        long maintainStarted = System.nanoTime();
        new Maintenance(lake, config, System.out).run(false);
        System.out.printf("maintain took %.1f s%n", (System.nanoTime() - maintainStarted) / 1e9);
        printWarehouse("after maintain", warehouse);
    }

    private static void printWarehouse(String when, String prefix) throws Exception {
        List<S3Object> objects = TestLake.objects(prefix + "/");
        long parquet = objects.stream().filter(o -> o.key().endsWith(".parquet")).count();
        long bytes = objects.stream().mapToLong(S3Object::size).sum();
        System.out.printf("warehouse %s: %d objects (%d Parquet data files), %.1f MB%n", when, objects.size(), parquet,
                bytes / 1_048_576.0);
    }
}
