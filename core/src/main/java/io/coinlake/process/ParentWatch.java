package io.coinlake.process;

import java.util.Map;

/**
 * Ties a child JVM's life to the coinlake command that started it. A command killed outright
 * (Airflow stops a task's spark-submit with SIGKILL, which runs no shutdown hook) would otherwise
 * leave its Spark job running, holding the driver's memory and writing to the lake.
 */
public final class ParentWatch {
    /** Set by the parent to its own process id in the child's environment. */
    public static final String VARIABLE = "COINLAKE_PARENT_PID";

    private ParentWatch() {
    }

    /** The variable the parent puts in the child's environment. */
    public static Map<String, String> environmentOfChild() {
        return Map.of(VARIABLE, Long.toString(ProcessHandle.current().pid()));
    }

    /** In the child: exits (running the shutdown hooks) as soon as the parent named by {@link #VARIABLE} has gone. */
    public static void exitWithParent(Map<String, String> environment) {
        String pid = environment.get(VARIABLE);
        if (pid == null || !pid.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> exit(pid)), () -> exit(pid));
    }

    private static void exit(String pid) {
        System.err.println("coinlake: the command that started this job (process " + pid + ") has ended: stopping the job."
                + " Every job can be rerun: the rerun completes what this one left.");
        System.exit(143);
    }
}
