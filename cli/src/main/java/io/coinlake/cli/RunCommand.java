package io.coinlake.cli;

import io.coinlake.bronze.BronzeObjectKey;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Settings;
import io.coinlake.producer.PublishResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "The main job: bring the embedded stack up if needed, then run the pipeline for each date."
                + " Today the pipeline is CoinCap -> Kafka -> bronze in S3 -> silver Iceberg tables; gold joins it next."
                + " Exit code 2: an error-level quality check of silver failed.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Mixin
    private DateRangeOptions dates;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LocalDate first = dates.first();
        LocalDate last = dates.last();
        CoinlakeConfig effective = config.resolve(dates.settings());
        long started = System.nanoTime();
        new Stack(effective).up(new Progress("1/4 up"));
        long upDone = System.nanoTime();
        List<PublishResult> results = ProduceCommand.produce(effective, first, last, new Progress("2/4 produce"));
        long produceDone = System.nanoTime();
        Progress bronzeProgress = new Progress("3/4 bronze");
        List<BronzeWait.Landed> landed = new ArrayList<>();
        for (PublishResult result : results) {
            landed.add(BronzeWait.await(effective, result.batch().logicalDate(), BRONZE_TIMEOUT, bronzeProgress));
            bronzeProgress.accept(result.batch().logicalDate() + " landed");
        }
        long bronzeDone = System.nanoTime();
        new Progress("4/4 silver").accept("building silver for " + first + (last.equals(first) ? "" : " to " + last)
                + " (a Spark job; its output follows)");
        List<String> silverArguments = List.of("silver", "--date", first.toString(), "--to", last.toString());
        int silverExit = SparkJob.run(effective, silverArguments);
        long silverDone = System.nanoTime();
        if (silverExit != 0 && silverExit != SILVER_CHECKS_FAILED) {
            throw new UserError("The silver stage failed (exit code " + silverExit + "; see above, and "
                    + effective.home().resolve("logs/spark.log") + "). Bronze is complete: rerun it with"
                    + " './coinlake silver --date " + first + " --to " + last + "'.");
        }

        PrintWriter out = spec.commandLine().getOut();
        out.println();
        ProduceCommand.printSummary(out, results);
        landed.forEach(out::println);
        out.printf("time: up %.1f s, produce %.1f s, bronze %.1f s, silver %.1f s%n", seconds(started, upDone),
                seconds(upDone, produceDone), seconds(produceDone, bronzeDone), seconds(bronzeDone, silverDone));
        out.println("data home: " + effective.home() + " (Kafka data, logs, run manifests)");
        if (effective.usesEmbeddedS3()) {
            out.println("bronze files:         " + effective.home().resolve("s3/data").resolve(effective.get(Settings.COINLAKE_BUCKET))
                    .resolve(BronzeObjectKey.PREFIX) + " (also s3://" + effective.get(Settings.COINLAKE_BUCKET) + "/"
                    + BronzeObjectKey.PREFIX + "/ at " + effective.s3Endpoint() + ")");
        }
        out.println("silver tables:        silver.asset_snapshots, silver.assets, silver.rejected_records (Iceberg,"
                + " catalog " + effective.catalogUri() + ", data in " + effective.warehouse() + ")");
        out.println("query them:           ./coinlake sql \"select * from silver.asset_snapshots limit 5\"");
        out.println("quality results:      ./coinlake sql \"select * from audit.quality_checks order by checked_at desc limit 20\"");
        out.println("look at the records:  ./coinlake kafka console-consumer --topic " + effective.rawTopic()
                + " --from-beginning --max-messages 3");
        out.println("stop the stack:       ./coinlake down");
        return silverExit;
    }

    private static final Duration BRONZE_TIMEOUT = Duration.ofMinutes(5);
    /** The Spark jobs' exit code for "ran, but an error-level quality check failed". */
    private static final int SILVER_CHECKS_FAILED = 2;

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
