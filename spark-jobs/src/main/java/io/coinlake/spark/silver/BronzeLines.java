package io.coinlake.spark.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.coinlake.spark.SqlText;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Every line of the bronze objects under the given directories, with where it came from. Objects
 * are read whole so each line keeps its number: the sink writes consecutive Kafka offsets only, so
 * a line's offset is the object's first offset (in its key) plus the line number minus one.
 *
 * <p>Columns: bronze_date, source_object, line_number (from 1), kafka_partition, kafka_offset
 * (both null when the object name is not a bronze key), raw_line.
 */
public final class BronzeLines {
    private static final String KEY_PATTERN = "\\\\+([0-9]+)\\\\+([0-9]{20})\\\\.jsonl(\\\\.gz)?$";

    private BronzeLines() {
    }

    /**
     * Up to this many dates, each date's directory is listed on its own. A listing of the topic
     * lists every date of bronze ever landed: 0.6 s for 790 dates here, growing with history, for a
     * one-day run. Beyond a month, one listing costs less than a request per date (Spark lists 32
     * paths or more with a job of its own).
     */
    static final int DATES_LISTED_ONE_BY_ONE = 31;

    /**
     * @param topic       the topic's bronze directory, whose children are all {@code dt=YYYY-MM-DD}
     *                    directories
     * @param directories the dates' directories under it, in the order of {@code dates}
     */
    public static Dataset<Row> read(SparkSession spark, String topic, List<String> directories, List<LocalDate> dates) {
        if (dates.size() <= DATES_LISTED_ONE_BY_ONE) {
            return read(spark, directories);
        }
        return lines(objects(spark.read().option("basePath", topic).format("text").option("wholetext", "true").load(topic)
                .where("CAST(dt AS DATE) IN " + SqlText.dates(dates))));
    }

    /** Reads the given date directories, each listed on its own (for a topic directory with other children too). */
    public static Dataset<Row> read(SparkSession spark, List<String> directories) {
        return lines(objects(spark.read().format("text").option("wholetext", "true").load(directories.toArray(String[]::new))));
    }

    /** Each object whole, with its path. */
    private static Dataset<Row> objects(Dataset<Row> text) {
        return text.select(col("value"), col("_metadata.file_path").as("path"));
    }

    private static Dataset<Row> lines(Dataset<Row> objects) {
        // Split once per object: an expression beside the generator is evaluated for every line it
        // makes, and size(split(value)) there split the whole object again for each of its lines
        // (quadratic: at 2000 lines an object, the parse of a year ran for many minutes).
        return objects
                .selectExpr("path", "split(value, '\\n', -1) AS lines")
                .selectExpr("path", "size(lines) AS parts", "posexplode(lines) AS (index, raw_line)")
                // The newline that ends the last line leaves one empty part behind it.
                .where("NOT (index = parts - 1 AND raw_line = '')")
                .select(
                        expr("to_date(regexp_extract(path, '/dt=([0-9]{4}-[0-9]{2}-[0-9]{2})/', 1))").as("bronze_date"),
                        expr("regexp_replace(path, '^s3a://', 's3://')").as("source_object"),
                        expr("index + 1").cast("int").as("line_number"),
                        expr("CAST(nullif(regexp_extract(path, '" + KEY_PATTERN + "', 1), '') AS INT)").as("kafka_partition"),
                        expr("CAST(nullif(regexp_extract(path, '" + KEY_PATTERN + "', 2), '') AS BIGINT) + index").as("kafka_offset"),
                        col("raw_line"));
    }
}
