package dev.proctor.cli;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned as kubectl aligns them: upper-case headers, three spaces apart, the last column unpadded. */
final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        List<String> row = new ArrayList<>();
        for (Object cell : cells) row.add(cell == null ? "-" : oneLine(cell.toString()));
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) widths[i] = headers.get(i).length();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        for (List<String> row : rows) line(out, row, widths);
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i));
            if (i < cells.size() - 1) line.append(" ".repeat(widths[i] - cells.get(i).length() + 3));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** Messages with line breaks stay on their row. */
    static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    static String abbreviate(String text, int max) {
        if (text == null) return null;
        String line = oneLine(text);
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
