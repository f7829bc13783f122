package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.operations.BronzeWait;
import io.coinlake.operations.Progress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Return when every record of the latest produce run for a date (or each date of a range) is in"
                + " bronze: the sink's"
                + " committed offsets have passed that batch's end-of-batch marker on every partition."
                + " Fails on timeout or when the sink has failed. Airflow uses it as its sensor.")
final class BronzeWaitCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Mixin
    private DateRangeOptions dates;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CoinlakeConfig effective = config.resolve();
        // One deadline for the range: the dates land together, so a stuck sink fails once, not per date.
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        for (LocalDate day : dates.range().dates()) {
            Duration left = Duration.between(Instant.now(), deadline);
            BronzeWait.Landed landed = BronzeWait.await(effective, day, left.isNegative() ? Duration.ZERO : left,
                    new Progress("bronze wait"));
            spec.commandLine().getOut().println(landed);
        }
        return 0;
    }
}
