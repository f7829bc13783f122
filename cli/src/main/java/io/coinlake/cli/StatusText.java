package io.coinlake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coinlake.config.Launcher;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/** The human form of the status report. */
final class StatusText {
    private StatusText() {
    }

    static void print(PrintWriter out, JsonNode report) {
        out.printf("%-12s %s%n", "data home", report.path("dataHome").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = report.path("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> service = it.next();
            JsonNode node = service.getValue();
            String state = node.path("state").asText();
            String detail = switch (state) {
                case "running" -> "running (embedded, " + node.path("address").asText() + ", pid " + node.path("pid").asLong() + ")";
                case "stopped" -> "stopped (embedded, " + node.path("address").asText() + "): start it with '" + Launcher.COMMAND + " up'";
                default -> "external at " + node.path("address").asText();
            };
            out.printf("%-12s %s%n", service.getKey(), detail);
        }
        JsonNode sink = report.path("bronzeSink");
        StringBuilder tasks = new StringBuilder();
        sink.path("tasks").forEach(task -> tasks.append(tasks.length() == 0 ? "" : ", ").append(task.asText()));
        out.printf("%-12s %s %s, tasks [%s]%s%n", "bronze sink", sink.path("name").asText(), sink.path("connector").asText(),
                tasks, sink.has("failure") ? " (" + sink.path("failure").asText() + ")" : "");
        JsonNode topic = report.path("rawTopic");
        if (topic.has("partitions")) {
            StringBuilder partitions = new StringBuilder();
            topic.path("partitions").fields().forEachRemaining(p -> partitions.append(p.getKey()).append(": ")
                    .append(p.getValue().path("sinkCommittedOffset").asLong()).append('/')
                    .append(p.getValue().path("endOffset").asLong()).append("  "));
            out.printf("%-12s %s, sink at/end per partition %s%n", "raw topic", topic.path("name").asText(),
                    partitions.toString().strip());
            out.printf("%-12s %d offsets%n", "sink lag", topic.path("sinkLag").asLong());
        } else if (topic.has("error")) {
            out.printf("%-12s %s: %s%n", "raw topic", topic.path("name").asText(), topic.path("error").asText());
        }
        JsonNode bronze = report.path("bronze");
        if (bronze.isMissingNode()) {
            return;
        }
        if (bronze.has("error")) {
            out.printf("%-12s %s%n", "bronze", bronze.path("error").asText());
            return;
        }
        out.printf("%-12s %s%n", "bronze", bronze.path("location").asText());
        bronze.path("dates").fields().forEachRemaining(day -> {
            JsonNode run = day.getValue().path("latestRun");
            String latest = run.isMissingNode() ? "no produce run recorded here"
                    : "latest run " + run.path("runId").asText() + ": " + run.path("records").asLong() + " records"
                    + (run.has("landed") ? (run.path("landed").asBoolean() ? ", landed" : ", not landed yet") : "");
            out.printf("%-12s dt=%s  %d objects, %s; %s%n", "", day.getKey(), day.getValue().path("objects").asLong(),
                    bytes(day.getValue().path("bytes").asLong()), latest);
        });
    }

    private static String bytes(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? String.format("%.1f KiB", bytes / 1024.0)
                : String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
}
