package io.coinlake.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParentWatchTest {
    private Process parent;
    private Process child;

    /** A child JVM that watches the given parent, then would run for a minute. */
    public static final class Child {
        public static void main(String[] args) throws InterruptedException {
            ParentWatch.exitWithParent(System.getenv());
            System.out.println("watching");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    private Process startChild(long parentPid) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Child.class.getName()).redirectErrorStream(true);
        builder.environment().put(ParentWatch.VARIABLE, Long.toString(parentPid));
        Process started = builder.start();
        assertThat(new String(started.getInputStream().readNBytes("watching".length()))).isEqualTo("watching");
        return started;
    }

    @Test
    void aChildStopsWhenItsParentIsKilledOutright() throws Exception {
        parent = new ProcessBuilder("sleep", "600").start();
        child = startChild(parent.pid());

        parent.destroyForcibly().waitFor();

        assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("the child exits after its parent's SIGKILL").isTrue();
        assertThat(child.exitValue()).isEqualTo(143);
    }

    @Test
    void aChildRunsOnWhileItsParentLives() throws Exception {
        parent = new ProcessBuilder("sleep", "600").start();
        child = startChild(parent.pid());

        assertThat(child.waitFor(3, TimeUnit.SECONDS)).as("the child still runs").isFalse();
    }

    @AfterEach
    void stop() {
        for (Process process : new Process[] {child, parent}) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
