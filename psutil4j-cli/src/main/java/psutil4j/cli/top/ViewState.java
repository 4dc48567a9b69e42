package psutil4j.cli.top;

/**
 * What the user chose: the tool, sort column and direction, command filter, tree view, and the
 * prompt or message shown above the table. Immutable; the key handlers return a new one.
 *
 * @param iotop iotop's columns and header instead of top's
 * @param sort the sort column
 * @param reverse the sort column's natural order reversed
 * @param filter case-insensitive substring the COMMAND must contain ("" = none)
 * @param tree children under their parents
 * @param prompt the line above the table: a question being typed or a message ("" = none)
 */
public record ViewState(boolean iotop, Column sort, boolean reverse, String filter, boolean tree, String prompt) {

    /** top's start: sorted by %CPU; iotop's: by DISK READ. */
    public static ViewState initial(boolean iotop) {
        return new ViewState(iotop, iotop ? Column.DISK_READ : Column.CPU, false, "", false, "");
    }

    /** Sorted by {@code c} in its natural order (P, M, T, N, {@code -o}). */
    public ViewState withSort(Column c) {
        return new ViewState(iotop, c, false, filter, tree, prompt);
    }

    /** The natural order reversed or not (R). */
    public ViewState withReverse(boolean r) {
        return new ViewState(iotop, sort, r, filter, tree, prompt);
    }

    /** Only rows whose COMMAND contains {@code f}, ignoring case (/ and o). */
    public ViewState withFilter(String f) {
        return new ViewState(iotop, sort, reverse, f, tree, prompt);
    }

    /** Tree view on or off (t). */
    public ViewState withTree(boolean t) {
        return new ViewState(iotop, sort, reverse, filter, t, prompt);
    }

    /** The line shown above the table. */
    public ViewState withPrompt(String p) {
        return new ViewState(iotop, sort, reverse, filter, tree, p);
    }

    /** {@code <} (-1) and {@code >} (+1): the previous or next column of this tool as sort column. */
    public ViewState moveSort(int delta) {
        var cols = Column.of(iotop);
        int i = cols.indexOf(sort);
        int j = Math.floorMod(i + delta, cols.size());
        return withSort(cols.get(j));
    }
}
