package io.coinlake.spark.table;

import static io.coinlake.spark.table.LakeColumn.optional;
import static io.coinlake.spark.table.LakeColumn.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coinlake.spark.LakeTables;
import io.coinlake.spark.TestLake;
import java.math.BigDecimal;
import java.util.List;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each case on a real Iceberg table: made from one definition, written, then brought to another. */
class SchemaEvolutionTest {
    private static final LakeColumn ID = required("id", Types.StringType.get(), "the key");
    private static final LakeColumn DAY = required("day", Types.DateType.get(), "the day");

    @BeforeAll
    static void namespace() throws Exception {
        TestLake.spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.evolution");
    }

    private static Catalog catalog() throws Exception {
        return LakeTables.icebergCatalog(TestLake.spark());
    }

    private static LakeTable definition(String name, LakeColumn... columns) {
        return new LakeTable("lake.evolution." + name, List.of("id"), LakePartition.byDay("day"), true, List.of(columns));
    }

    /** Creates the table from {@code before} and writes one row with {@code values} (SQL literals in column order). */
    private static Table created(LakeTable before, String values) throws Exception {
        Schema schema = before.schema();
        catalog().buildTable(before.identifier(), schema).withPartitionSpec(before.spec(schema))
                .withProperties(before.properties()).create();
        TestLake.spark().sql("INSERT INTO " + before + " VALUES (" + values + ")");
        return catalog().loadTable(before.identifier());
    }

    private static List<Row> read(LakeTable table) throws Exception {
        SparkSession spark = TestLake.spark();
        spark.catalog().refreshTable(table.name());
        return spark.sql("SELECT * FROM " + table + " ORDER BY id").collectAsList();
    }

    @Test
    void anAddedColumnReadsNullInOlderRowsAndTakesNewValues() throws Exception {
        LakeTable before = definition("added", ID, DAY);
        LakeTable after = definition("added", ID, optional("note", Types.StringType.get(), "new"), DAY);
        Table table = created(before, "'a', DATE'2026-01-01'");

        List<String> changes = new SchemaEvolution(after).apply(table);

        assertThat(changes).containsExactly("added column note string (older rows read null)");
        assertThat(table.schema().columns()).extracting(Types.NestedField::name).containsExactly("id", "note", "day");
        TestLake.spark().sql("INSERT INTO " + after + " VALUES ('b', 'hello', DATE'2026-01-02')");
        List<Row> rows = read(after);
        assertThat(rows.get(0).isNullAt(1)).isTrue();
        assertThat(rows.get(1).<String>getAs("note")).isEqualTo("hello");
        assertThat(new SchemaEvolution(after).apply(catalog().loadTable(after.identifier()))).isEmpty();
    }

    @Test
    void typesAreWidenedWhereIcebergAllowsAndOldValuesReadInTheWiderType() throws Exception {
        LakeTable before = definition("widened", ID, DAY, optional("n", Types.IntegerType.get(), "count"),
                optional("f", Types.FloatType.get(), "ratio"), optional("d", Types.DecimalType.of(10, 2), "amount"));
        LakeTable after = definition("widened", ID, DAY, optional("n", Types.LongType.get(), "count"),
                optional("f", Types.DoubleType.get(), "ratio"), optional("d", Types.DecimalType.of(20, 2), "amount"));
        Table table = created(before, "'a', DATE'2026-01-01', 7, CAST(1.5 AS FLOAT), CAST(12345678.91 AS DECIMAL(10,2))");

        List<String> changes = new SchemaEvolution(after).apply(table);

        assertThat(changes).containsExactly("widened column n from int to long", "widened column f from float to double",
                "widened column d from decimal(10, 2) to decimal(20, 2)");
        TestLake.spark().sql("INSERT INTO " + after + " VALUES ('b', DATE'2026-01-02', 9000000000, 1e300,"
                + " CAST(123456789012345678.91 AS DECIMAL(20,2)))");
        List<Row> rows = read(after);
        assertThat(rows.get(0).<Long>getAs("n")).isEqualTo(7L);
        assertThat(rows.get(0).<Double>getAs("f")).isEqualTo(1.5);
        assertThat(rows.get(0).<BigDecimal>getAs("d")).isEqualByComparingTo("12345678.91");
        assertThat(rows.get(1).<Long>getAs("n")).isEqualTo(9_000_000_000L);
    }

    @Test
    void aRenamedColumnKeepsItsDataUnderTheNewName() throws Exception {
        LakeTable before = definition("renamed", ID, DAY, optional("explorer", Types.StringType.get(), "old doc"));
        LakeTable after = definition("renamed", ID, DAY,
                optional("explorer_url", Types.StringType.get(), "new doc").renamedFrom("explorer"));
        Table table = created(before, "'a', DATE'2026-01-01', 'https://x.example'");

        List<String> changes = new SchemaEvolution(after).apply(table);

        assertThat(changes).containsExactly("renamed column explorer to explorer_url");
        assertThat(table.schema().findField("explorer_url").doc()).isEqualTo("new doc");
        assertThat(table.schema().findField("explorer")).isNull();
        assertThat(read(after).get(0).<String>getAs("explorer_url")).isEqualTo("https://x.example");
    }

    @Test
    void aRequiredColumnCanBecomeOptional() throws Exception {
        LakeTable before = definition("relaxed", ID, DAY, required("v", Types.StringType.get(), "value"));
        LakeTable after = definition("relaxed", ID, DAY, optional("v", Types.StringType.get(), "value"));
        Table table = created(before, "'a', DATE'2026-01-01', 'x'");

        assertThat(new SchemaEvolution(after).apply(table)).containsExactly("made column v optional");
        TestLake.spark().sql("INSERT INTO " + after + " VALUES ('b', DATE'2026-01-02', NULL)");
        assertThat(read(after)).hasSize(2);
    }

    @Test
    void changesThatWouldLoseOrReinterpretDataAreRefusedAndNothingChanges() throws Exception {
        LakeTable before = definition("refused", ID, DAY, optional("n", Types.LongType.get(), "count"),
                optional("kept", Types.StringType.get(), "kept"), optional("label", Types.StringType.get(), "label"),
                optional("maybe", Types.StringType.get(), "maybe"));
        LakeTable after = new LakeTable("lake.evolution.refused", List.of("id"), null, true, List.of(ID, DAY,
                optional("n", Types.IntegerType.get(), "count"),
                optional("label", Types.IntegerType.get(), "label"),
                required("maybe", Types.StringType.get(), "maybe"),
                required("brand_new", Types.StringType.get(), "required from the start")));
        Table table = created(before, "'a', DATE'2026-01-01', 5, 'k', 'l', NULL");
        int schemaBefore = table.schema().schemaId();

        assertThatThrownBy(() -> new SchemaEvolution(after).apply(table))
                .isInstanceOf(SchemaConflict.class)
                .hasMessageContaining("evolution.refused cannot be brought to its definition, so nothing was changed")
                .hasMessageContaining("column n is long in the table and int in its definition")
                .hasMessageContaining("column label is string in the table and int in its definition")
                .hasMessageContaining("column maybe is optional in the table but required in its definition")
                .hasMessageContaining("column brand_new is required but the table lacks it")
                .hasMessageContaining("the table has column kept that its definition lacks: coinlake never drops a column")
                .hasMessageContaining("ALTER TABLE evolution.refused DROP COLUMN kept")
                .hasMessageContaining("the table is partitioned identity(day) and its definition unpartitioned");
        table.refresh();
        assertThat(table.schema().schemaId()).isEqualTo(schemaBefore);
        assertThat(read(before).get(0).<Long>getAs("n")).isEqualTo(5L);
    }

    @Test
    void aDeclaredEarlierPartitioningIsEvolvedAndOldRowsStayReadable() throws Exception {
        LakeTable before = definition("repartitioned", ID, DAY);
        LakeTable after = new LakeTable("lake.evolution.repartitioned", List.of("id"), null, true, List.of(ID, DAY))
                .partitionedBefore(LakePartition.byDay("day"));
        Table table = created(before, "'a', DATE'2026-01-01'");

        List<String> changes = new SchemaEvolution(after).apply(table);

        assertThat(changes).containsExactly("changed partitioning from identity(day) to unpartitioned"
                + " (files written before keep theirs until maintenance compacts them)");
        table.refresh();
        assertThat(table.spec().isUnpartitioned()).isTrue();
        TestLake.spark().sql("INSERT INTO " + after + " VALUES ('b', DATE'2026-01-02'), ('c', DATE'2026-01-03')");
        assertThat(read(after)).extracting(row -> row.<String>getAs("id")).containsExactly("a", "b", "c");
        // The old file keeps the day spec; the new rows were written under the unpartitioned one.
        int oldSpec = table.specs().keySet().stream().filter(id -> id != table.spec().specId()).findFirst().orElseThrow();
        assertThat(TestLake.spark().sql("SELECT DISTINCT spec_id FROM " + after + ".files ORDER BY spec_id").collectAsList())
                .extracting(row -> row.getInt(0)).containsExactly(oldSpec, table.spec().specId());
        assertThat(new SchemaEvolution(after).apply(catalog().loadTable(after.identifier()))).isEmpty();
    }

    @Test
    void aDayPartitionedTableMovesToMonthsAndRowsOfBothSpecsAreReplacedOnce() throws Exception {
        LakeTable before = definition("by_month", ID, DAY);
        LakeTable after = new LakeTable("lake.evolution.by_month", List.of("id"), LakePartition.byMonth("day"), true,
                List.of(ID, DAY)).partitionedBefore(LakePartition.byDay("day"));
        Table table = created(before, "'a', DATE'2026-01-01'");

        assertThat(new SchemaEvolution(after).apply(table)).containsExactly("changed partitioning from identity(day) to"
                + " month(day) (files written before keep theirs until maintenance compacts them)");
        SparkSession spark = TestLake.spark();
        spark.sql("INSERT INTO " + after + " VALUES ('b', DATE'2026-01-02')");
        // A row of the old spec and one of the new, both replaced by a row-level write: the trap of a
        // dynamic partition overwrite after partition evolution is old-spec rows left beside new ones.
        spark.sql("MERGE INTO " + after + " t USING (SELECT 'a' AS id, DATE'2026-01-01' AS day UNION ALL"
                + " SELECT 'b', DATE'2026-01-02') s ON t.id = s.id WHEN MATCHED THEN UPDATE SET day = date_add(s.day, 10)");
        assertThat(read(after)).extracting(row -> row.getAs("id") + " " + row.getAs("day"))
                .containsExactly("a 2026-01-11", "b 2026-01-12");
        table.refresh();
        assertThat(table.spec().fields()).extracting(field -> field.transform().toString()).containsExactly("month");
    }

    @Test
    void missingPropertiesAreSetSoAnOlderTableJoinsWriteAuditPublish() throws Exception {
        LakeTable before = definition("properties", ID, DAY);
        Table table = created(before, "'a', DATE'2026-01-01'");
        table.updateProperties().remove("write.wap.enabled").commit();

        assertThat(new SchemaEvolution(before).apply(table)).containsExactly("set property write.wap.enabled=true");
        assertThat(table.properties()).containsEntry("write.wap.enabled", "true");
    }
}
