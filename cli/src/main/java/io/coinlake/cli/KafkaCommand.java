package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.operations.Stack;
import io.coinlake.operations.UserError;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Exit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Run one of Kafka's own console tools against the configured cluster; --bootstrap-server is"
                + " added unless given. Tools: console-consumer, console-producer, topics, consumer-groups, get-offsets.%n"
                + "Example: ./coinlake kafka console-consumer --topic coincap.assets.raw --from-beginning --max-messages 3")
final class KafkaCommand implements Callable<Integer> {
    /** Tool name (as in the Kafka distribution's bin/, without kafka- and .sh) to its main class. */
    static final Map<String, String> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("console-consumer", "org.apache.kafka.tools.consumer.ConsoleConsumer");
        TOOLS.put("console-producer", "org.apache.kafka.tools.ConsoleProducer");
        TOOLS.put("topics", "org.apache.kafka.tools.TopicCommand");
        TOOLS.put("consumer-groups", "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand");
        TOOLS.put("get-offsets", "org.apache.kafka.tools.GetOffsetShell");
    }

    @Mixin
    private ConfigOptions config;

    @Parameters(index = "0", paramLabel = "TOOL", description = "console-consumer, console-producer, topics, consumer-groups or get-offsets.")
    private String tool;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the tool, as with the Kafka distribution.")
    private List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String mainClass = TOOLS.get(normalise(tool));
        if (mainClass == null) {
            throw new UserError("Unknown Kafka tool '" + tool + "'. Available: " + String.join(", ", TOOLS.keySet()) + ".");
        }
        CoinlakeConfig effective = config.resolve();
        new Stack(effective).requireKafka();
        List<String> toolArgs = withBootstrap(args, effective.bootstrapServers());
        if (normalise(tool).equals("console-consumer")) {
            toolArgs = readCommittedUnlessTold(toolArgs);
        }
        // Kafka's tools end with Exit.exit(code); catch it so their exit code becomes ours
        // without killing the JVM under us (which matters when the CLI is called in-process).
        Exit.setExitProcedure((code, message) -> {
            throw new ToolExit(code);
        });
        try {
            Class.forName(mainClass).getMethod("main", String[].class).invoke(null, (Object) toolArgs.toArray(String[]::new));
            return 0;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ToolExit exit) {
                return exit.code;
            }
            throw new UserError("kafka " + tool + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            Exit.resetExitProcedure();
        }
    }

    /** Thrown by the exit procedure to unwind out of a tool that called Exit.exit. */
    private static final class ToolExit extends RuntimeException {
        private final int code;

        ToolExit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    static String normalise(String name) {
        String tool = name.startsWith("kafka-") ? name.substring("kafka-".length()) : name;
        return tool.endsWith(".sh") ? tool.substring(0, tool.length() - ".sh".length()) : tool;
    }

    /**
     * The raw topic is written in transactions: without read_committed a reader also gets the
     * records of aborted runs, which the sink and silver never see. A user's own choice wins.
     */
    static List<String> readCommittedUnlessTold(List<String> args) {
        boolean told = args.stream().anyMatch(arg -> arg.startsWith("--isolation-level") || arg.contains("isolation.level")
                || arg.startsWith("--consumer.config") || arg.startsWith("--command-config") || arg.equals("--help")
                || arg.equals("--version"));
        if (told) {
            return args;
        }
        List<String> result = new ArrayList<>(args);
        result.add("--isolation-level");
        result.add("read_committed");
        return result;
    }

    static List<String> withBootstrap(List<String> args, String bootstrapServers) {
        List<String> result = new ArrayList<>(args);
        boolean given = args.stream().anyMatch(arg -> arg.equals("--bootstrap-server") || arg.startsWith("--bootstrap-server="));
        boolean help = args.stream().anyMatch(arg -> arg.equals("--help") || arg.equals("--version"));
        if (!given && !help) {
            result.add(0, bootstrapServers);
            result.add(0, "--bootstrap-server");
        }
        return result;
    }
}
