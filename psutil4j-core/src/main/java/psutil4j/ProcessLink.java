package psutil4j;

/**
 * The links of /proc/PID other than descriptors that lsof lists, beyond psutil: for
 * {@link PsProcess#linkStat(ProcessLink)}.
 */
public enum ProcessLink {
    /** /proc/PID/cwd, the working directory (lsof's "cwd"). */
    CWD("cwd"),
    /** /proc/PID/root, the root directory (lsof's "rtd"; changed by chroot). */
    ROOT("root"),
    /** /proc/PID/exe, the program (lsof's "txt"). */
    EXE("exe");

    private final String fileName;

    ProcessLink(String fileName) {
        this.fileName = fileName;
    }

    /** The name of the link under /proc/PID. */
    public String fileName() {
        return fileName;
    }
}
