package io.coinlake.spark;

/** What a MERGE did to one table: rows inserted, rows updated, and source rows already there as they were. */
public record MergeOutcome(String table, long inserted, long updated, long unchanged) {
    @Override
    public String toString() {
        return table + ": " + inserted + " inserted, " + updated + " updated, " + unchanged + " unchanged";
    }
}
