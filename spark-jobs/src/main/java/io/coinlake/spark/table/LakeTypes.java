package io.coinlake.spark.table;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** The Iceberg types lake columns use, by the names the definitions read well with. */
public final class LakeTypes {
    /** Every price and amount: CoinCap sends up to 22 integer and 16 fraction digits as strings. */
    public static final Type AMOUNT = Types.DecimalType.of(38, 16);
    public static final Type STRING = Types.StringType.get();
    public static final Type INT = Types.IntegerType.get();
    public static final Type LONG = Types.LongType.get();
    public static final Type DOUBLE = Types.DoubleType.get();
    public static final Type DATE = Types.DateType.get();
    public static final Type BOOLEAN = Types.BooleanType.get();
    /** Spark's TIMESTAMP: an instant, shown in the session time zone (UTC). */
    public static final Type TIMESTAMP = Types.TimestampType.withZone();

    private LakeTypes() {
    }
}
