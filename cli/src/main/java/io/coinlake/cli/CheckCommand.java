package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.operations.StackCheck;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Ask each part of the stack for an answer, embedded or external: the broker, the Connect"
                + " worker, the S3 store and the Iceberg catalog (all four unless named).",
            "Exit code 3: a part is down; its line says which and what to do."})
final class CheckCommand implements Callable<Integer> {
    static final int DOWN = 3;

    @Mixin
    private ConfigOptions config;

    @Parameters(arity = "0..*", paramLabel = "PART", description = "kafka, connect, s3 or catalog")
    private List<String> parts = StackCheck.PARTS;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CoinlakeConfig effective = config.resolve();
        // The Kafka client warns on every reconnect while no broker answers: the DOWN line says it once.
        Configurator.setLevel("org.apache.kafka.clients.NetworkClient", Level.ERROR);
        PrintWriter out = spec.commandLine().getOut();
        boolean allUp = true;
        for (String part : parts) {
            try {
                out.printf("%-8s ok    %s%n", part, StackCheck.probe(part, effective));
            } catch (StackCheck.Down down) {
                out.printf("%-8s DOWN  %s%n", part, down.getMessage());
                allUp = false;
            }
            out.flush();
        }
        return allUp ? 0 : DOWN;
    }
}
