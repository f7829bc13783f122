package io.coinlake.operations;

import java.io.PrintStream;
import java.util.function.Consumer;

/** Progress lines on stderr, so stdout stays for results that scripts read. */
public final class Progress implements Consumer<String> {
    private final String stage;
    private final PrintStream out;

    public Progress(String stage) {
        this(stage, System.err);
    }

    public Progress(String stage, PrintStream out) {
        this.stage = stage;
        this.out = out;
    }

    @Override
    public void accept(String line) {
        out.println("[" + stage + "] " + line);
    }
}
