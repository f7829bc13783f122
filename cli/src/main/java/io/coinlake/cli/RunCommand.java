package io.coinlake.cli;

import io.coinlake.bronze.BronzeObjectKey;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Launcher;
import io.coinlake.config.Settings;
import io.coinlake.dates.DateRange;
import io.coinlake.operations.BronzeWait;
import io.coinlake.operations.Produce;
import io.coinlake.operations.Progress;
import io.coinlake.operations.SparkJob;
import io.coinlake.operations.Stack;
import io.coinlake.operations.UserError;
import io.coinlake.producer.PublishResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "The main job: bring the embedded stack up if needed, then run the pipeline for each date."
                + " CoinCap -> Kafka -> bronze in S3 -> silver and gold Iceberg tables (silver and gold in one Spark job)."
                + " Exit code 2: an error-level quality check failed.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    private ProduceOptions options;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DateRange range = options.range();
        LocalDate first = range.first();
        LocalDate last = range.last();
        CoinlakeConfig effective = options.config();
        long started = System.nanoTime();
        List<String> pipeline = List.of("pipeline", "--date", first.toString(), "--to", last.toString());
        int days = range.days();
        // On a warm stack, the Spark JVM starts now and waits: its seconds of start-up overlap up, produce and bronze.
        SparkJob.Started spark = SparkJob.storeIsUp(effective) ? SparkJob.startAwaitingGo(effective, pipeline, days) : null;
        List<PublishResult> results;
        List<BronzeWait.Landed> landed = new ArrayList<>();
        long upDone;
        long produceDone;
        long bronzeDone;
        try {
            new Stack(effective).up(new Progress("1/4 up"));
            upDone = System.nanoTime();
            results = Produce.dates(effective, range, new Progress("2/4 produce"));
            produceDone = System.nanoTime();
            Progress bronzeProgress = new Progress("3/4 bronze");
            for (PublishResult result : results) {
                landed.add(BronzeWait.await(effective, result.batch().logicalDate(), BRONZE_TIMEOUT, bronzeProgress));
                bronzeProgress.accept(result.batch().logicalDate() + " landed");
            }
            bronzeDone = System.nanoTime();
        } catch (Exception | Error e) {
            if (spark != null) {
                spark.callOff();
            }
            throw e;
        }
        String shown = first + (last.equals(first) ? "" : " to " + last);
        new Progress("4/4 silver+gold").accept("building silver and gold for " + shown + " (a Spark job; its output follows)");
        if (spark == null) {
            spark = SparkJob.startAwaitingGo(effective, pipeline, days);
        }
        spark.go();
        int sparkExit = spark.await();
        long sparkDone = System.nanoTime();
        if (sparkExit != 0 && sparkExit != SparkJob.CHECKS_FAILED) {
            throw new UserError("The silver and gold stage failed (exit code " + sparkExit + "; see above, and "
                    + effective.home().resolve("logs/spark.log") + "). Bronze is complete: rerun that stage with"
                    + " '" + Launcher.COMMAND + " silver --date " + first + " --to " + last + "' and then '" + Launcher.COMMAND + " gold --date "
                    + first + " --to " + last + "'.");
        }

        PrintWriter out = spec.commandLine().getOut();
        out.println();
        PublishSummary.print(out, results);
        landed.forEach(out::println);
        out.printf("time: up %.1f s, produce %.1f s, bronze %.1f s, silver+gold %.1f s (total %.1f s)%n",
                seconds(started, upDone), seconds(upDone, produceDone), seconds(produceDone, bronzeDone),
                seconds(bronzeDone, sparkDone), seconds(started, sparkDone));
        out.println("data home: " + effective.home() + " (Kafka data, logs, run manifests)");
        if (effective.usesEmbeddedS3()) {
            out.println("bronze files:         " + effective.home().resolve("s3/data").resolve(effective.get(Settings.COINLAKE_BUCKET))
                    .resolve(BronzeObjectKey.PREFIX) + " (also s3://" + effective.get(Settings.COINLAKE_BUCKET) + "/"
                    + BronzeObjectKey.PREFIX + "/ at " + effective.s3Endpoint() + ")");
        }
        out.println("tables (Iceberg):     listed above; columns in docs/data-model.md or " + Launcher.COMMAND + " sql \"describe silver.assets\"");
        out.println("catalog and data:     " + effective.catalogAddress() + ", " + effective.warehouse());
        out.println("query them:           " + Launcher.COMMAND + " sql \"select day, asset_id, close_price_usd, market_cap_rank,"
                + " dod_change_pct from gold.fct_asset_daily where day = date'" + last + "' order by market_cap_rank\"");
        out.println("                      " + Launcher.COMMAND + " sql \"select * from gold.market_daily order by day\"");
        out.println("quality results:      " + Launcher.COMMAND + " sql \"select * from audit.quality_checks order by checked_at desc limit 20\"");
        out.println("look at the records:  " + Launcher.COMMAND + " kafka console-consumer --topic " + effective.rawTopic()
                + " --from-beginning --max-messages 3");
        out.println("stop the stack:       " + Launcher.COMMAND + " down");
        if (sparkExit == 0) {
            out.println();
            out.println("see the market:       " + Launcher.COMMAND + " report   (an HTML page of these tables, written to "
                    + effective.home().resolve(ReportCommand.DEFAULT_FILE) + ")");
        }
        return sparkExit;
    }

    private static final Duration BRONZE_TIMEOUT = Duration.ofMinutes(5);

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
