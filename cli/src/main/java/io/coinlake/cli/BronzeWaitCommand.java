package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Return when every record of the latest produce run for a date is in bronze: the sink's"
                + " committed offsets have passed that batch's end-of-batch marker on every partition."
                + " Fails on timeout or when the sink has failed. Airflow uses it as its sensor.")
final class BronzeWaitCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The date produced.")
    private String date;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LocalDate day = DateRangeOptions.parseDate("--date", date);
        CoinlakeConfig effective = config.resolve();
        BronzeWait.Landed landed = BronzeWait.await(effective, day, Duration.ofSeconds(timeoutSeconds), new Progress("bronze wait"));
        spec.commandLine().getOut().println(landed);
        return 0;
    }
}
