package io.coinlake.spark.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * Everything a lake table is, in one place: its columns, its grain (what one row means), its
 * partitioning and its properties. Tables are created from it and brought up to it by
 * {@link SchemaEvolution}; docs/data-model.md shows it (a test keeps the two equal).
 *
 * <p>{@link #toString()} is the full name, so a definition reads as its table in SQL text.
 *
 * @param name      full name in the catalog, e.g. {@code lake.silver.assets}
 * @param grain     the columns one row is unique on
 * @param partition how the table is partitioned, or null for an unpartitioned table
 * @param audited   whether runs write it on a branch and publish it only after its checks pass
 *                  (write-audit-publish); a log such as the quality results is written directly
 * @param partitionedBefore partitionings an earlier release used: a table still partitioned so is
 *                  moved to {@code partition} (Iceberg's partition evolution)
 */
public record LakeTable(String name, List<String> grain, LakePartition partition, boolean audited, List<LakeColumn> columns,
                        List<LakePartition> partitionedBefore) {
    /**
     * Jobs committing to one table at once retry Iceberg's optimistic-concurrency conflicts. Every
     * commit writes a new metadata file listing every snapshot, so without a limit a daily table's
     * metadata outgrows its data within months: only the last 20 are kept.
     */
    private static final Map<String, String> COMMON_PROPERTIES = Map.of(
            "format-version", "2",
            "commit.retry.num-retries", "20",
            "commit.retry.min-wait-ms", "200",
            "write.merge.isolation-level", "serializable",
            "write.metadata.delete-after-commit.enabled", "true",
            "write.metadata.previous-versions-max", "20");

    public LakeTable(String name, List<String> grain, LakePartition partition, boolean audited, List<LakeColumn> columns) {
        this(name, grain, partition, audited, columns, List.of());
    }

    public LakeTable {
        Objects.requireNonNull(name, "name");
        grain = List.copyOf(grain);
        columns = List.copyOf(columns);
        partitionedBefore = List.copyOf(partitionedBefore);
        List<String> names = columns.stream().map(LakeColumn::name).toList();
        for (String key : grain) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException(name + ": grain column " + key + " is not a column");
            }
        }
        if (partition != null && !names.contains(partition.column())) {
            throw new IllegalArgumentException(name + ": partition column " + partition.column() + " is not a column");
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException(name + ": a column is defined twice");
        }
    }

    /** This definition, also taking a table partitioned as {@code earlier} (an earlier release's) to its partitioning. */
    public LakeTable partitionedBefore(LakePartition earlier) {
        List<LakePartition> all = new ArrayList<>(partitionedBefore);
        all.add(earlier);
        return new LakeTable(name, grain, partition, audited, columns, all);
    }

    /** The name users type: the catalog is the session default, so {@code silver.assets}. */
    public String shortName() {
        return name.substring(name.indexOf('.') + 1);
    }

    public TableIdentifier identifier() {
        return TableIdentifier.parse(shortName());
    }

    public List<String> columnNames() {
        return columns.stream().map(LakeColumn::name).toList();
    }

    public Schema schema() {
        List<Types.NestedField> fields = new ArrayList<>();
        for (LakeColumn column : columns) {
            int id = fields.size() + 1;
            fields.add(column.required()
                    ? Types.NestedField.required(id, column.name(), column.type(), column.doc())
                    : Types.NestedField.optional(id, column.name(), column.type(), column.doc()));
        }
        return new Schema(fields);
    }

    public PartitionSpec spec(Schema schema) {
        if (partition == null) {
            return PartitionSpec.unpartitioned();
        }
        PartitionSpec.Builder spec = PartitionSpec.builderFor(schema);
        partition.addTo(spec);
        return spec.build();
    }

    /** How {@link SchemaEvolution} and the docs describe the partitioning, e.g. {@code month(day)} or {@code unpartitioned}. */
    public String partitioning() {
        return partition == null ? "unpartitioned" : partition.describe();
    }

    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>(COMMON_PROPERTIES);
        properties.put("write.wap.enabled", Boolean.toString(audited));
        return properties;
    }

    @Override
    public String toString() {
        return name;
    }
}
