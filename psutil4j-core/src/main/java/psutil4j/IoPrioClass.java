package psutil4j;

/** I/O scheduling classes of ioprio_set(2), psutil's {@code IOPRIO_CLASS_*}. */
public enum IoPrioClass {
    /** No class set: the kernel derives one from the nice value (psutil's IOPRIO_CLASS_NONE, 0). */
    NONE,
    /** Real time: served first (IOPRIO_CLASS_RT, 1). Needs CAP_SYS_ADMIN to set. */
    RT,
    /** Best effort: the default (IOPRIO_CLASS_BE, 2). */
    BE,
    /** Idle: served only when no one else needs the disk (IOPRIO_CLASS_IDLE, 3). */
    IDLE;

    /** The kernel's class number. */
    public int value() {
        return ordinal();
    }

    /** The class with the kernel's number {@code v}. */
    public static IoPrioClass of(int v) {
        if (v < 0 || v > 3) {
            throw new IllegalArgumentException("unknown I/O priority class " + v);
        }
        return values()[v];
    }
}
