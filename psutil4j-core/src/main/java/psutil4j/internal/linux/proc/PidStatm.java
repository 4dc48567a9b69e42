package psutil4j.internal.linux.proc;

import psutil4j.internal.parse.ByteCursor;

/**
 * /proc/[pid]/statm (man 5 proc): sizes in pages, converted to bytes. Fields 5 (lib) and 7
 * (dirty) are always 0 since Linux 2.6 and are not kept; newest psutil dropped them too.
 */
public final class PidStatm {

    public long size;
    public long resident;
    public long shared;
    public long text;
    public long data;

    /** Parses statm content, multiplying by {@code pageSize}. Returns false if empty. */
    public boolean parse(ByteCursor c, long pageSize) {
        size = c.nextLong();
        if (size < 0) {
            return false;
        }
        resident = c.nextLong() * pageSize;
        shared = c.nextLong() * pageSize;
        text = c.nextLong() * pageSize;
        c.skipField(); // lib
        data = c.nextLong() * pageSize;
        size *= pageSize;
        return true;
    }
}
