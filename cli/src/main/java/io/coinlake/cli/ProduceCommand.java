package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.dates.DateRange;
import io.coinlake.operations.Produce;
import io.coinlake.operations.Progress;
import io.coinlake.operations.Stack;
import io.coinlake.producer.PublishResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Fetch the CoinCap snapshot of each date and publish it to the raw topic, one transaction per date."
                + " Without COINCAP_API_KEY the data comes from the offline simulator and is labelled 'simulated'.")
final class ProduceCommand implements Callable<Integer> {
    @Mixin
    private ProduceOptions options;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DateRange range = options.range();
        CoinlakeConfig effective = options.config();
        new Stack(effective).requireKafka();
        List<PublishResult> results = Produce.dates(effective, range, new Progress("produce"));
        PublishSummary.print(spec.commandLine().getOut(), results);
        return 0;
    }
}
