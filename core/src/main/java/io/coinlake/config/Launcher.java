package io.coinlake.config;

/**
 * How the user runs coinlake, for the commands that messages suggest: {@code ./coinlake} in the
 * source tree, and in a release what its bin/coinlake was called as (the launcher sets
 * {@value #PROPERTY}; the CLI passes it on to the Spark jobs' JVM).
 */
public final class Launcher {
    public static final String PROPERTY = "coinlake.command";
    public static final String COMMAND = System.getProperty(PROPERTY, "./coinlake");

    private Launcher() {
    }
}
