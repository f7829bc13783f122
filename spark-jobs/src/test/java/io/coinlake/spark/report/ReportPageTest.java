package io.coinlake.spark.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {
    private static ObjectNode dataWith(String text) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putArray("assets").addObject().put("name", text);
        return data;
    }

    @Test
    void dataThatCouldEndTheScriptElementParsesBackUnchanged() throws Exception {
        ObjectNode data = dataWith("</script><script>alert(1)</script><!-- <\\/ & \u2028");

        String json = ReportPage.json(data);

        assertThat(json).doesNotContain("</").doesNotContain("<!--");
        assertThat(new ObjectMapper().readTree(json)).isEqualTo(data);
    }

    @Test
    void renderFillsEachPlaceholderOnceAndLeavesPlaceholderTextInTheDataAlone() {
        String html = ReportPage.render("BTC <> ETH & co", dataWith("/*{{echarts}}*/ {{title}}"));

        assertThat(html).contains("<title>BTC &lt;&gt; ETH &amp; co</title>");
        assertThat(html).contains("\"name\":\"/*{{echarts}}*/ {{title}}\"");
        assertThat(html).doesNotContain("/*{{data}}*/", "/*{{report}}*/", "{{notice}}");
        // The chart library is inlined exactly once: the data's copy of its placeholder was not filled.
        String library = html.substring(html.indexOf("<script>") + "<script>".length());
        assertThat(library.length()).isGreaterThan(500_000);
        assertThat(html.split("Apache ECharts", -1).length - 1)
                .isEqualTo(ReportPage.render("t", dataWith("x")).split("Apache ECharts", -1).length - 1);
    }

    @Test
    void writeReplacesTheFileWhole(@TempDir Path directory) throws Exception {
        Path out = directory.resolve("nested/report.html");

        ReportPage.write(out, "first");
        ReportPage.write(out, "second");

        assertThat(Files.readString(out)).isEqualTo("second");
        try (var files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }
}
