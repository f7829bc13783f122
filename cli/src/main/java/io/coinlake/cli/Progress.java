package io.coinlake.cli;

import java.io.PrintStream;
import java.util.function.Consumer;

/** Progress lines on stderr, so stdout stays for results that scripts read. */
final class Progress implements Consumer<String> {
    private final String stage;
    private final PrintStream out;

    Progress(String stage) {
        this(stage, System.err);
    }

    Progress(String stage, PrintStream out) {
        this.stage = stage;
        this.out = out;
    }

    @Override
    public void accept(String line) {
        out.println("[" + stage + "] " + line);
    }
}
