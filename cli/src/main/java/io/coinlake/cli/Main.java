package io.coinlake.cli;

import io.coinlake.coincap.CoinCapException;
import io.coinlake.producer.PublishException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./coinlake}. */
@Command(name = "coinlake", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Crypto-market lakehouse: CoinCap snapshots through Kafka into an S3 bronze layer and Iceberg tables.%n"
                + "Runs on an embedded stack on this machine unless KAFKA_BOOTSTRAP_SERVERS points elsewhere.",
        subcommands = {RunCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class,
                ProduceCommand.class, KafkaCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("coinlake: " + messageOf(exception));
            if (!isExpected(exception)) {
                exception.printStackTrace(line.getErr());
            }
            return 1;
        });
        // Everything after the tool name belongs to Kafka's tool, options included.
        commandLine.getSubcommands().get("kafka").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        return commandLine.execute(args);
    }

    private static boolean isExpected(Exception e) {
        return e instanceof UserError || e instanceof CoinCapException || e instanceof PublishException
                || e instanceof IllegalArgumentException;
    }

    private static String messageOf(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"coinlake " + (version == null ? "(development build)" : version)};
        }
    }
}
