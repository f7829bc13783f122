package io.coinlake.spark.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdatePartitionSpec;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Brings an existing table to its definition with Iceberg's schema API, so a lake made by an
 * earlier release keeps working: missing columns are added (older rows read null), types are
 * widened where Iceberg allows it, a column with a {@code renamedFrom} name is renamed (by field
 * id, so old data files read under the new name), and docs and properties follow the definition.
 *
 * <p>Anything else would lose or reinterpret data, so it is refused with the reason and nothing
 * is changed: a column the definition lacks is never dropped, a type is never narrowed or
 * changed, an optional column never becomes required, partitioning changes only from one the
 * definition names as its earlier one ({@link LakeTable#partitionedBefore}).
 */
public final class SchemaEvolution {
    /** What {@link #plan} found: the changes to make, or the reasons it cannot. */
    private record Plan(List<String> changes, List<String> refusals, boolean repartition) {
    }

    private final LakeTable definition;

    public SchemaEvolution(LakeTable definition) {
        this.definition = definition;
    }

    /**
     * Applies the plan in one schema commit and one properties commit; throws {@link SchemaConflict}
     * before changing anything when a change is refused.
     *
     * @return the changes made, as sentences; empty when the table already matched
     */
    public List<String> apply(Table table) {
        UpdateSchema update = table.updateSchema();
        UpdateProperties properties = table.updateProperties();
        Plan plan = plan(table, update, properties);
        if (!plan.refusals().isEmpty()) {
            throw new SchemaConflict(definition.shortName(), plan.refusals());
        }
        if (!plan.changes().isEmpty()) {
            update.commit();
            if (plan.repartition()) {
                repartition(table);
            }
            properties.commit();
        }
        return plan.changes();
    }

    private Plan plan(Table table, UpdateSchema update, UpdateProperties properties) {
        Schema current = table.schema();
        List<String> changes = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        boolean schemaChanged = false;
        // Moves name existing columns as the table knows them now, new ones by their new name.
        String previous = null;
        for (LakeColumn column : definition.columns()) {
            String existing = existingName(current, column);
            if (existing == null) {
                if (column.required()) {
                    refusals.add("column " + column.name() + " is required but the table lacks it: Iceberg cannot add a"
                            + " required column to rows already written. Define it as optional.");
                } else {
                    update.addColumn(column.name(), column.type(), column.doc());
                    if (previous == null) {
                        update.moveFirst(column.name());
                    } else {
                        update.moveAfter(column.name(), previous);
                    }
                    changes.add("added column " + column.name() + " " + column.sqlType() + " (older rows read null)");
                    schemaChanged = true;
                }
                previous = column.name();
                continue;
            }
            claimed.add(existing);
            previous = existing;
            Types.NestedField field = current.findField(existing);
            if (!existing.equals(column.name())) {
                update.renameColumn(existing, column.name());
                changes.add("renamed column " + existing + " to " + column.name());
                schemaChanged = true;
            }
            Type from = field.type();
            if (!from.equals(column.type())) {
                if (from.isPrimitiveType() && column.type().isPrimitiveType()
                        && TypeUtil.isPromotionAllowed(from, column.type().asPrimitiveType())) {
                    update.updateColumn(existing, column.type().asPrimitiveType());
                    changes.add("widened column " + column.name() + " from " + from + " to " + column.type());
                    schemaChanged = true;
                } else {
                    refusals.add("column " + column.name() + " is " + from + " in the table and " + column.type()
                            + " in its definition: Iceberg only widens int to long, float to double and a decimal's"
                            + " precision, so this change would need a new column and a backfill");
                }
            }
            if (field.isRequired() && !column.required()) {
                update.makeColumnOptional(existing);
                changes.add("made column " + column.name() + " optional");
                schemaChanged = true;
            } else if (field.isOptional() && column.required()) {
                refusals.add("column " + column.name() + " is optional in the table but required in its definition:"
                        + " rows already written may hold nulls. Define it as optional.");
            }
            if (!Objects.equals(field.doc(), column.doc())) {
                update.updateColumnDoc(existing, column.doc());
                schemaChanged = true;
            }
        }
        for (Types.NestedField field : current.columns()) {
            if (!claimed.contains(field.name())) {
                refusals.add("the table has column " + field.name() + " that its definition lacks: coinlake never drops"
                        + " a column. Put it back in the definition, or name it in renamedFrom of the column it became,"
                        + " or drop it yourself: ALTER TABLE " + definition.shortName() + " DROP COLUMN " + field.name());
            }
        }
        String partitioning = partitioning(table);
        String wanted = definition.partitioning();
        boolean repartition = false;
        if (!partitioning.equals(wanted)) {
            if (definition.partitionedBefore().stream().map(LakePartition::describe).anyMatch(partitioning::equals)) {
                repartition = true;
                changes.add("changed partitioning from " + partitioning + " to " + wanted
                        + " (files written before keep theirs until maintenance compacts them)");
            } else {
                refusals.add("the table is partitioned " + partitioning + " and its definition " + wanted
                        + ": change partitioning on purpose, with ALTER TABLE ... REPLACE PARTITION FIELD");
            }
        }
        for (Map.Entry<String, String> property : definition.properties().entrySet()) {
            // The format version is table metadata, not a stored property.
            String actual = property.getKey().equals(TableProperties.FORMAT_VERSION)
                    ? Integer.toString(((HasTableOperations) table).operations().current().formatVersion())
                    : table.properties().get(property.getKey());
            if (!property.getValue().equals(actual)) {
                properties.set(property.getKey(), property.getValue());
                changes.add("set property " + property.getKey() + "=" + property.getValue());
            }
        }
        if (schemaChanged && changes.isEmpty()) {
            changes.add("updated column comments");
        }
        return new Plan(List.copyOf(changes), List.copyOf(refusals), repartition);
    }

    /** The column's name in the table: its own, else the first earlier name the table still has. */
    private static String existingName(Schema current, LakeColumn column) {
        if (current.findField(column.name()) != null) {
            return column.name();
        }
        return column.renamedFrom().stream().filter(old -> current.findField(old) != null).findFirst().orElse(null);
    }

    /** Iceberg's partition evolution: a metadata change; data files keep the spec they were written with. */
    private void repartition(Table table) {
        UpdatePartitionSpec spec = table.updateSpec();
        for (PartitionField field : table.spec().fields()) {
            spec.removeField(field.name());
        }
        if (definition.partition() != null) {
            definition.partition().addTo(spec);
        }
        spec.commit();
    }

    private static String partitioning(Table table) {
        if (table.spec().isUnpartitioned()) {
            return "unpartitioned";
        }
        List<String> fields = new ArrayList<>();
        for (PartitionField field : table.spec().fields()) {
            fields.add(field.transform() + "(" + table.schema().findColumnName(field.sourceId()) + ")");
        }
        return String.join(", ", fields);
    }
}
