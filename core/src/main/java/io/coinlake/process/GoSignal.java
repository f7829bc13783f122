package io.coinlake.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The line a started Spark job waits for before it reads or writes the lake (its {@code --await-go}
 * option). The CLI sends it once the job's input is complete; anything else, including a CLI that
 * died and so closed the pipe, calls the job off.
 */
public final class GoSignal {
    public static final String GO = "go";
    /** The job's exit code when it was called off: it read and wrote nothing. */
    public static final int CALLED_OFF = 4;

    private GoSignal() {
    }

    /** In the job: blocks until the caller's first line; true for {@link #GO}, false for anything else or the end of the input. */
    public static boolean await(InputStream in) {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return GO.equals(line == null ? null : line.strip());
        } catch (IOException e) {
            return false;
        }
    }
}
