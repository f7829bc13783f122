package io.coinlake.spark.table;

import java.util.stream.Collectors;

/** A table's definition as the Markdown block docs/data-model.md shows for it. */
public final class LakeTableDoc {
    private LakeTableDoc() {
    }

    /** The line that opens a table's generated block in the doc. */
    public static String begin(LakeTable table) {
        return "<!-- columns of " + table.shortName() + ": generated from LakeTables, kept equal by DataModelDocTest -->";
    }

    public static final String END = "<!-- end of columns -->";

    /** The block from {@link #begin} to {@link #END}, both included. */
    public static String markdown(LakeTable table) {
        StringBuilder text = new StringBuilder(begin(table)).append("\n");
        text.append("Grain: ").append(table.grain().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ", "(", ")")))
                .append(". ").append(table.partition() == null ? "Not partitioned." : "Partitioned " + table.partition().inWords() + ".")
                .append(table.audited() ? " Written with write-audit-publish." : " Appended directly (not audited).")
                .append("\n\n");
        text.append("| column | type | required | meaning |\n| --- | --- | --- | --- |\n");
        for (LakeColumn column : table.columns()) {
            text.append("| `").append(column.name()).append("` | ").append(column.sqlType()).append(" | ")
                    .append(column.required() ? "yes" : "no").append(" | ").append(column.doc().replace("|", "\\|"))
                    .append(column.renamedFrom().isEmpty() ? "" : " (renamed from `" + String.join("`, `", column.renamedFrom()) + "`)")
                    .append(" |\n");
        }
        return text.append(END).toString();
    }
}
