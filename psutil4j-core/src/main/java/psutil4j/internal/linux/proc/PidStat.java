package psutil4j.internal.linux.proc;

import java.nio.charset.StandardCharsets;

import psutil4j.internal.parse.ByteCursor;

/**
 * /proc/[pid]/stat (man 5 proc), parsed into a reusable holder: one per process handle, refilled
 * by each read so that a sweep over all processes allocates nothing here (the name String is
 * re-made only when the name's bytes changed).
 *
 * <p>The name (field 2) is between the first '(' and the <em>last</em> ')': a process may name
 * itself "a) b (c", so splitting on blanks or at the first ')' is wrong.
 */
public final class PidStat {

    private byte[] nameBytes = new byte[64];
    private int nameLen;

    /** Field 3: one of "RSDZTtWXxKWPI". */
    public byte state;
    /** Field 4. */
    public int ppid;
    /** Field 5: the process group id. */
    public int pgrp;
    /** Field 6: the session id. */
    public int session;
    /** Field 7: controlling terminal, encoded major/minor (0 = none). */
    public long ttyNr;
    /** Field 8: the foreground process group of the controlling terminal, -1 without one. */
    public int tpgid;
    /** Field 9: the kernel's PF_* flags (include/linux/sched.h); decimal since 2.6.22. */
    public long flags;
    /** Fields 10 and 12. */
    public long minflt;
    public long majflt;
    /** Fields 14-17, clock ticks. */
    public long utime;
    public long stime;
    public long cutime;
    public long cstime;
    /** Field 19. */
    public long nice;
    /** Field 20. */
    public long numThreads;
    /** Field 22: clock ticks after boot at which the process started. */
    public long starttime;
    /** Field 23, bytes. */
    public long vsize;
    /** Field 24, pages. */
    public long rss;
    /** Field 39 (since 2.2.8): the CPU last run on. */
    public int processor;
    /** Field 40 (since 2.5.19): the real-time priority, 1..99 under SCHED_FIFO/RR, else 0. */
    public int rtPriority;
    /** Field 41 (since 2.5.19): the scheduling policy (SCHED_* of include/uapi/linux/sched.h). */
    public int policy;
    /**
     * Field 42 (since 2.6.18): aggregated block I/O delays in clock ticks; -1 when missing
     * (psutil then reports iowait 0, issue #2455).
     */
    public long delayacctBlkioTicks;

    /**
     * Parses stat content. Returns false when the content is not a stat line (empty, as for a
     * process that vanished between open and read).
     */
    public boolean parse(ByteCursor c) {
        byte[] b = c.array();
        int open = c.indexOf((byte) '(', c.pos());
        int close = c.lastIndexOf((byte) ')', c.pos());
        if (open < 0 || close < open) {
            return false;
        }
        int len = close - open - 1;
        if (nameBytes.length < len) {
            nameBytes = new byte[len];
        }
        System.arraycopy(b, open + 1, nameBytes, 0, len);
        nameLen = len;
        c.pos(close + 1);
        c.skipBlanks();
        if (!c.hasMore()) {
            return false;
        }
        state = c.peek();
        c.pos(c.pos() + 1);
        ppid = (int) c.nextLong();           // 4
        pgrp = (int) c.nextLong();           // 5
        session = (int) c.nextLong();        // 6
        ttyNr = c.nextLong();                // 7
        tpgid = (int) c.nextLong();          // 8
        flags = c.nextLong();                // 9
        minflt = c.nextLong();               // 10
        c.skipField();                       // 11 cminflt
        majflt = c.nextLong();               // 12
        c.skipField();                       // 13 cmajflt
        utime = c.nextLong();                // 14
        stime = c.nextLong();                // 15
        cutime = c.nextLong();               // 16
        cstime = c.nextLong();               // 17
        c.skipField();                       // 18 priority
        nice = c.nextLong();                 // 19
        numThreads = c.nextLong();           // 20
        c.skipField();                       // 21 itrealvalue
        starttime = c.nextLong();            // 22
        vsize = c.nextLong();                // 23
        rss = c.nextLong();                  // 24
        c.skipFields(14);                    // 25..38
        processor = (int) c.nextLong();      // 39
        rtPriority = (int) c.nextLong(0);    // 40
        policy = (int) c.nextLong(0);        // 41
        delayacctBlkioTicks = c.nextLong(-1); // 42
        return true;
    }

    /** The kernel's name (comm, at most 15 bytes for user processes), decoded as UTF-8. */
    public String name() {
        return new String(nameBytes, 0, nameLen, StandardCharsets.UTF_8);
    }

    /**
     * True when the name read equals {@code s} (compared without decoding; a non-ASCII name
     * compares unequal, which only costs a new String). Lets a caller keep its previous String.
     */
    public boolean nameEquals(String s) {
        if (s == null || s.length() != nameLen) {
            return false;
        }
        for (int i = 0; i < nameLen; i++) {
            byte b = nameBytes[i];
            if (b < 0 || s.charAt(i) != b) {
                return false;
            }
        }
        return true;
    }

    /** Length in bytes of the kernel's name. */
    public int nameLength() {
        return nameLen;
    }

    /** psutil's status string for a state letter (psutil's PROC_STATUSES; unknown -> "?"). */
    public static String statusName(byte state) {
        return switch (state) {
            case 'R' -> "running";
            case 'S' -> "sleeping";
            case 'D' -> "disk-sleep";
            case 'T' -> "stopped";
            case 't' -> "tracing-stop";
            case 'Z' -> "zombie";
            case 'X', 'x' -> "dead";
            case 'K' -> "wake-kill";
            case 'W' -> "waking";
            case 'I' -> "idle";
            case 'P' -> "parked";
            // psutil's constants also name "locked" and "waiting" (BSD states); Linux never reports them.
            default -> "?";
        };
    }
}
