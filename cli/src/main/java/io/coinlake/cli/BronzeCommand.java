package io.coinlake.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "bronze", mixinStandardHelpOptions = true,
        description = "The bronze layer: raw CoinCap records landed in S3 by the Kafka Connect sink.",
        subcommands = {BronzeWaitCommand.class})
final class BronzeCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
