package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Setting;
import io.coinlake.config.Settings;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the effective configuration (secrets redacted) and where each value came from."
                + " Precedence: --set flag > environment variable > config file (.env) > default.")
final class ConfigCommand implements Runnable {
    @Mixin
    private ConfigOptions config;

    @Option(names = "--docs", description = "Describe every setting with its default instead.")
    private boolean docs;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (docs) {
            for (Setting<?> setting : Settings.ALL) {
                out.printf("%s%n    %s%n    default: %s%n", setting.name(), setting.doc(),
                        setting.defaultText().isEmpty() ? "(empty)" : setting.defaultText());
            }
            return;
        }
        CoinlakeConfig effective = config.resolve();
        int width = Settings.ALL.stream().mapToInt(s -> s.name().length()).max().orElse(20);
        for (CoinlakeConfig.Row row : effective.rows()) {
            out.printf("%-" + width + "s = %s   (%s)%n", row.name(), row.value(), row.origin());
        }
    }
}
