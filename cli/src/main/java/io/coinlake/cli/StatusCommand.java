package io.coinlake.cli;

import io.coinlake.json.RawJson;
import io.coinlake.operations.StackStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each service of the stack, the bronze sink's state and lag, what the raw topic holds and"
                + " the bronze objects and records per date. Exit code 3 when something is down.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Option(names = "--json", description = "Print one JSON object, for scripts.")
    private boolean json;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StackStatus.Report report = StackStatus.of(config.resolve());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(RawJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report.json()));
        } else {
            StatusText.print(out, report.json());
        }
        return report.healthy() ? 0 : 3;
    }
}
