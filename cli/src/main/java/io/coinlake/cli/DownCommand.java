package io.coinlake.cli;

import io.coinlake.operations.Progress;
import io.coinlake.operations.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop every process of the embedded stack. Data stays under COINLAKE_HOME for the next 'up'.")
final class DownCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        new Stack(config.resolve()).down(new Progress("down"));
        return 0;
    }
}
