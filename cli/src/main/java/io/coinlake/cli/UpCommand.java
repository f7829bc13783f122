package io.coinlake.cli;

import io.coinlake.operations.Progress;
import io.coinlake.operations.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the embedded stack on 127.0.0.1 (an S3 server, a Kafka broker in KRaft mode, a Kafka Connect"
                + " worker; data under COINLAKE_HOME), create the topics and the bucket, and register the bronze sink."
                + " Does nothing for what already runs.")
final class UpCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        new Stack(config.resolve()).up(new Progress("up"));
        return 0;
    }
}
