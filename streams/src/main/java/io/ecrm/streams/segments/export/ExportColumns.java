package io.ecrm.streams.segments.export;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of every export, in order, with their type: the one description the CSV, JSONL and
 * Parquet writers all follow, so the three formats carry the same fields under the same names.
 * Recommended items are flat columns {@code recommended_1} to {@code recommended_N}, which mail
 * tools can merge into a template directly.
 */
public final class ExportColumns {
    /** Column types, as each format renders them; timestamps are UTC milliseconds (ISO-8601 in text formats). */
    public enum Type { STRING, BOOLEAN, INT, LONG, DOUBLE, TIMESTAMP }

    /** One column: a snake_case name, a type, whether it can be empty, and how to read it from a row. */
    public record Column(String name, Type type, boolean optional, Function<ExportRow, Object> value) {
    }

    private ExportColumns() {
    }

    public static List<Column> of(int recommendedItems) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column("customer_id", Type.STRING, false, ExportRow::customerId),
                new Column("anonymous", Type.BOOLEAN, false, ExportRow::anonymous),
                new Column("segment", Type.STRING, false, ExportRow::segment),
                new Column("r_score", Type.INT, true, ExportRow::rScore),
                new Column("f_score", Type.INT, true, ExportRow::fScore),
                new Column("m_score", Type.INT, true, ExportRow::mScore),
                new Column("rfm_cell", Type.STRING, true, ExportRow::rfmCell),
                new Column("cluster", Type.STRING, true, ExportRow::cluster),
                new Column("orders", Type.LONG, false, ExportRow::orders),
                new Column("revenue", Type.DOUBLE, false, ExportRow::revenue),
                new Column("currency", Type.STRING, true, ExportRow::currency),
                new Column("last_order", Type.TIMESTAMP, true, ExportRow::lastOrderMillis),
                new Column("last_seen", Type.TIMESTAMP, false, ExportRow::lastSeenMillis),
                new Column("first_seen", Type.TIMESTAMP, false, ExportRow::firstSeenMillis),
                new Column("sessions", Type.LONG, false, ExportRow::sessions),
                new Column("top_category", Type.STRING, true, ExportRow::topCategory),
                new Column("cart_items", Type.INT, false, ExportRow::cartItems)));
        for (int i = 0; i < recommendedItems; i++) {
            int rank = i;
            columns.add(new Column("recommended_" + (i + 1), Type.STRING, true,
                    row -> rank < row.recommendedItems().size() ? row.recommendedItems().get(rank) : null));
        }
        return List.copyOf(columns);
    }
}
