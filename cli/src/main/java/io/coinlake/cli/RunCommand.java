package io.coinlake.cli;

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
                + " Today the pipeline is CoinCap -> Kafka -> bronze in S3; silver and gold stages join it as they land.")
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
        new Stack(effective).up(new Progress("1/3 up"));
        long upDone = System.nanoTime();
        List<PublishResult> results = ProduceCommand.produce(effective, first, last, new Progress("2/3 produce"));
        long produceDone = System.nanoTime();
        Progress bronzeProgress = new Progress("3/3 bronze");
        List<BronzeWait.Landed> landed = new ArrayList<>();
        for (PublishResult result : results) {
            landed.add(BronzeWait.await(effective, result.batch().logicalDate(), BRONZE_TIMEOUT, bronzeProgress));
            bronzeProgress.accept(result.batch().logicalDate() + " landed");
        }
        long bronzeDone = System.nanoTime();

        PrintWriter out = spec.commandLine().getOut();
        out.println();
        ProduceCommand.printSummary(out, results);
        landed.forEach(out::println);
        out.printf("time: up %.1f s, produce %.1f s, bronze %.1f s%n", seconds(started, upDone),
                seconds(upDone, produceDone), seconds(produceDone, bronzeDone));
        out.println("data home: " + effective.home() + " (Kafka data, logs, run manifests)");
        if (effective.usesEmbeddedS3()) {
            out.println("bronze files:         " + effective.home().resolve("s3/data").resolve(effective.get(Settings.COINLAKE_BUCKET))
                    .resolve("bronze") + " (also s3://" + effective.get(Settings.COINLAKE_BUCKET) + "/bronze/ at "
                    + effective.s3Endpoint() + ")");
        }
        out.println("look at the records:  ./coinlake kafka console-consumer --topic " + effective.rawTopic()
                + " --from-beginning --max-messages 3");
        out.println("stop the stack:       ./coinlake down");
        return 0;
    }

    private static final Duration BRONZE_TIMEOUT = Duration.ofMinutes(5);

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
