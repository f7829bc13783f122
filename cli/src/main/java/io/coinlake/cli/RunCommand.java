package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.producer.PublishResult;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "The main job: bring the embedded stack up if needed, then run the pipeline for each date."
                + " Today the pipeline is CoinCap -> Kafka; bronze, silver and gold stages join it as they land.")
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
        new Stack(effective).up(new Progress("1/2 up"));
        long upDone = System.nanoTime();
        List<PublishResult> results = ProduceCommand.produce(effective, first, last, new Progress("2/2 produce"));
        long produceDone = System.nanoTime();

        PrintWriter out = spec.commandLine().getOut();
        out.println();
        ProduceCommand.printSummary(out, results);
        out.printf("time: up %.1f s, produce %.1f s%n", seconds(started, upDone), seconds(upDone, produceDone));
        out.println("data home: " + effective.home() + " (Kafka data, logs, run manifests)");
        out.println("look at the records:  ./coinlake kafka console-consumer --topic " + effective.rawTopic()
                + " --from-beginning --max-messages 3");
        out.println("stop the stack:       ./coinlake down");
        return 0;
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
