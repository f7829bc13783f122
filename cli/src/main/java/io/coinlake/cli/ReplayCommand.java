package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Launcher;
import io.coinlake.dates.DateRange;
import io.coinlake.operations.Progress;
import io.coinlake.operations.Replay;
import io.coinlake.operations.Stack;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Land bronze again from the raw topic through Connect's offsets API (stop the sink, move its"
                + " offsets back, resume). Objects already landed are rewritten byte for byte, so a replay never"
                + " duplicates; objects missing from S3 come back. Without options: from the beginning.")
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    static final class From {
        @Option(names = "--from-offset", paramLabel = "N",
                description = "Replay every partition from offset N, moved back to the start of the bronze object holding it.")
        Long offset;

        @Option(names = "--from-date", paramLabel = "YYYY-MM-DD",
                description = "Replay from the first record of that date on each partition.")
        String date;
    }

    @ArgGroup(exclusive = true)
    private From from;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CoinlakeConfig effective = config.resolve();
        new Stack(effective).requireKafka();
        Replay replay = new Replay(effective, new Progress("replay"));
        Map<Integer, Long> offsets = from == null ? replay.fromBeginning()
                : from.offset != null ? replay.fromOffset(from.offset)
                : replay.fromDate(DateRange.parseDate("--from-date", from.date));
        spec.commandLine().getOut().println("replay started: " + (offsets.isEmpty() ? "from the beginning"
                : "from offsets " + offsets) + ". Follow it with '" + Launcher.COMMAND + " status' or '" + Launcher.COMMAND + " bronze wait --date D'.");
        return 0;
    }
}
