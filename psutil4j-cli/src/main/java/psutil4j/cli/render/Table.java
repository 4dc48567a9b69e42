package psutil4j.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A text table the way procps and coreutils print them: a header row, columns padded to their
 * widest cell, numbers right-aligned, the last column left unpadded (so long commands aren't
 * followed by trailing blanks).
 */
public final class Table {

    /** Column alignment. */
    public enum Align { LEFT, RIGHT }

    private final List<String> headers;
    private final List<Align> aligns;
    private final List<String[]> rows = new ArrayList<>();
    private boolean showHeader = true;
    private String separator = " ";

    private Table(List<String> headers, List<Align> aligns) {
        this.headers = headers;
        this.aligns = aligns;
    }

    /** Columns given as "NAME" (left) or ">NAME" (right-aligned). */
    public static Table of(String... columns) {
        var h = new ArrayList<String>();
        var a = new ArrayList<Align>();
        for (String c : columns) {
            if (c.startsWith(">")) {
                h.add(c.substring(1));
                a.add(Align.RIGHT);
            } else {
                h.add(c);
                a.add(Align.LEFT);
            }
        }
        return new Table(h, a);
    }

    public Table noHeader() {
        showHeader = false;
        return this;
    }

    public Table separator(String sep) {
        separator = sep;
        return this;
    }

    public Table row(Object... cells) {
        var r = new String[headers.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out) {
        int n = headers.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = showHeader ? headers.get(i).length() : 0;
        }
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        if (showHeader) {
            line(out, headers.toArray(String[]::new), w);
        }
        for (String[] r : rows) {
            line(out, r, w);
        }
    }

    private void line(PrintWriter out, String[] cells, int[] w) {
        var sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(separator);
            }
            boolean last = i == cells.length - 1;
            String c = cells[i];
            int pad = w[i] - c.length();
            if (aligns.get(i) == Align.RIGHT) {
                sb.append(" ".repeat(Math.max(0, pad))).append(c);
            } else {
                sb.append(c);
                if (!last) {
                    sb.append(" ".repeat(Math.max(0, pad)));
                }
            }
        }
        out.println(sb);
    }
}
