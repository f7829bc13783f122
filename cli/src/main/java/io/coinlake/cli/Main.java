package io.coinlake.cli;

import io.coinlake.coincap.CoinCapException;
import io.coinlake.operations.UserError;
import java.io.IOException;
import io.coinlake.producer.PublishException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./coinlake}. */
@Command(name = "coinlake", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Crypto-market lakehouse: CoinCap snapshots through Kafka into an S3 bronze layer and Iceberg tables.%n"
                + "Runs on an embedded stack on this machine unless KAFKA_BOOTSTRAP_SERVERS points elsewhere.",
        subcommands = {RunCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class,
                CheckCommand.class, ProduceCommand.class, BronzeCommand.class, SilverCommand.class, GoldCommand.class,
                SparkSubmitCommand.class,
                SqlCommand.class, ReportCommand.class, MaintainCommand.class, ReplayCommand.class, KafkaCommand.class,
                ConfigCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Set to print stack traces: a debugging aid, not a setting of the pipeline. */
    static final String DEBUG_VARIABLE = "COINLAKE_DEBUG";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            boolean expected = isExpected(exception);
            line.getErr().println("coinlake: " + (expected ? "" : exception.getClass().getSimpleName() + ": ")
                    + messageOf(exception));
            if (System.getenv(DEBUG_VARIABLE) != null) {
                exception.printStackTrace(line.getErr());
            } else if (!expected) {
                line.getErr().println("coinlake: set " + DEBUG_VARIABLE + "=1 to see the stack trace.");
            }
            return 1;
        });
        // Everything after the tool name belongs to Kafka's tool, and every argument of spark-submit to Spark, options included.
        commandLine.getSubcommands().get("kafka").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        commandLine.getSubcommands().get("spark-submit").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        return commandLine.execute(args);
    }

    /** Failures whose message already says what went wrong and what to do. */
    private static boolean isExpected(Exception e) {
        return e instanceof UserError || e instanceof CoinCapException || e instanceof PublishException
                || e instanceof IllegalArgumentException || e instanceof IOException;
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
