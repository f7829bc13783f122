package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.Launcher;
import io.coinlake.config.Setting;
import io.coinlake.config.Settings;
import io.coinlake.operations.UserError;
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

    @Option(names = "--get", paramLabel = "NAME", description = "Print one setting's effective value alone, as the"
            + " project's scripts read it (COINLAKE_HOME as an absolute path). Secrets are never printed.")
    private String get;

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
        if (get != null) {
            out.println(value(effective, get));
            return;
        }
        int width = Settings.ALL.stream().mapToInt(s -> s.name().length()).max().orElse(20);
        for (CoinlakeConfig.Row row : effective.rows()) {
            out.printf("%-" + width + "s = %s   (%s)%n", row.name(), row.value(), row.origin());
        }
    }

    private static String value(CoinlakeConfig effective, String name) {
        Setting<?> setting = Settings.BY_NAME.get(name);
        if (setting == null) {
            throw new UserError("No setting is called " + name + ": '" + Launcher.COMMAND + " config --docs' lists them.");
        }
        if (setting.isSecret()) {
            throw new UserError(name + " is a secret, and coinlake never prints one: read it where you set it.");
        }
        return effective.childEnvironment().get(name);
    }
}
