package io.coinlake.spark.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report as one HTML file that needs nothing else to open: the page, its script, the chart
 * library (Apache ECharts, unpacked from its WebJar at build time) and the data, all inline.
 */
final class ReportPage {
    /** Where the build puts echarts.min.js and its licence, next to this class. */
    static final String ECHARTS = "echarts/echarts.min.js";
    static final String ECHARTS_NOTICE = "echarts/NOTICE";

    private static final Pattern PLACEHOLDER = Pattern.compile("(/\\*)?\\{\\{(title|notice|data|echarts|report)}}(\\*/)?");

    private ReportPage() {
    }

    static String render(String title, ObjectNode data) {
        Map<String, String> parts = Map.of(
                "{{title}}", escapeHtml(title),
                "{{notice}}", resource(ECHARTS_NOTICE).strip(),
                "/*{{data}}*/", json(data),
                "/*{{echarts}}*/", resource(ECHARTS),
                "/*{{report}}*/", resource("report.js"));
        // One pass over the template: a part that happens to hold a placeholder's text stays as it is.
        Matcher placeholder = PLACEHOLDER.matcher(resource("report.html"));
        StringBuilder page = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(page, Matcher.quoteReplacement(parts.get(placeholder.group())));
        }
        return placeholder.appendTail(page).toString();
    }

    /** Writes next to the target, then moves: a reader never sees half a report. */
    static void write(Path out, String html) {
        try {
            Path directory = out.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, ".report-", ".html.partial");
            Files.writeString(partial, html, StandardCharsets.UTF_8);
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * JSON that cannot end the script element it sits in, whatever the lake's strings hold: every
     * less-than sign is written as JSON's six-character unicode escape, which JSON.parse reads back
     * as the same character (the sign only occurs inside strings).
     */
    static String json(ObjectNode data) {
        try {
            return new ObjectMapper().writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The jobs' jar has no " + name + " next to " + ReportPage.class.getName()
                        + ": rebuild it (mvn package -pl spark-jobs -am).");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
