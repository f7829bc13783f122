package io.coinlake.spark;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints a query result as an aligned text table, cutting long values so rows stay readable. */
public final class ResultTable {
    static final int WIDEST_CELL = 48;

    private ResultTable() {
    }

    public static void print(Dataset<Row> result, int maxRows, PrintStream out) {
        String[] columns = result.columns();
        if (columns.length == 0) {
            out.println("OK");
            return;
        }
        List<Row> rows = result.limit(maxRows + 1).collectAsList();
        boolean more = rows.size() > maxRows;
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows.subList(0, Math.min(rows.size(), maxRows))) {
            String[] line = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                line[i] = cell(row.get(i));
            }
            cells.add(line);
        }
        int[] widths = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            widths[i] = columns[i].length();
            for (String[] line : cells) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        out.println(line(columns, widths));
        out.println(rule(widths));
        cells.forEach(line -> out.println(line(line, widths)));
        out.println("(" + cells.size() + (more ? " rows shown; there are more: add a LIMIT or pass --max-rows" : cells.size() == 1 ? " row" : " rows") + ")");
    }

    static String cell(Object value) {
        String text;
        if (value == null) {
            text = "NULL";
        } else if (value instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else {
            text = value.toString();
        }
        text = text.replace('\n', ' ');
        return text.length() > WIDEST_CELL ? text.substring(0, WIDEST_CELL - 3) + "..." : text;
    }

    private static String line(String[] values, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(" | ");
            }
            text.append(String.format("%-" + widths[i] + "s", values[i]));
        }
        return text.toString().stripTrailing();
    }

    private static String rule(int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                text.append("-+-");
            }
            text.append("-".repeat(widths[i]));
        }
        return text.toString();
    }
}
