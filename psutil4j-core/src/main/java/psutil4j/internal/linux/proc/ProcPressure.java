package psutil4j.internal.linux.proc;

import java.nio.file.Path;
import java.util.Optional;

import psutil4j.Pressure;
import psutil4j.PressureLine;
import psutil4j.PressureResource;
import psutil4j.internal.linux.Roots;
import psutil4j.internal.linux.sys.SysFiles;
import psutil4j.internal.parse.ByteCursor;
import psutil4j.internal.parse.ProcBuffer;

/**
 * Pressure stall information: {@code /proc/pressure/{cpu,memory,io,irq}} (kernel 4.20+,
 * CONFIG_PSI, not booted with psi=0) and the same format in cgroup v2's {@code cpu.pressure},
 * {@code memory.pressure}, {@code io.pressure}, {@code irq.pressure}:
 * <pre>
 * some avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * full avg10=0.00 avg60=0.00 avg300=0.00 total=0
 * </pre>
 * System-wide cpu has a {@code full} line only since kernel 5.13 (always zero there); irq
 * (kernel 6.1+, CONFIG_IRQ_TIME_ACCOUNTING) has only {@code full}.
 */
public final class ProcPressure {

    private static final byte[] PRESSURE = ByteCursor.ascii("/pressure/");
    private static final byte[] SOME = ByteCursor.ascii("some");
    private static final byte[] FULL = ByteCursor.ascii("full");
    private static final byte[] AVG10 = ByteCursor.ascii("avg10=");
    private static final byte[] AVG60 = ByteCursor.ascii("avg60=");
    private static final byte[] AVG300 = ByteCursor.ascii("avg300=");
    private static final byte[] TOTAL = ByteCursor.ascii("total=");

    private ProcPressure() {
    }

    /** System-wide pressure; {@link Pressure#NONE} without PSI. */
    public static Pressure read() {
        return new Pressure(readProc("cpu"), readProc("memory"), readProc("io"), readProc("irq"));
    }

    /** Pressure of a cgroup v2 directory ({@code <dir>/cpu.pressure} ...). */
    public static Pressure readCgroup(Path dir) {
        return new Pressure(readFile(dir.resolve("cpu.pressure")), readFile(dir.resolve("memory.pressure")),
                readFile(dir.resolve("io.pressure")), readFile(dir.resolve("irq.pressure")));
    }

    private static Optional<PressureResource> readProc(String resource) {
        ProcBuffer b = ProcBuffer.get();
        // A missing file or directory (ENOENT), or EOPNOTSUPP when PSI is compiled in but
        // disabled at boot: no data, never an error.
        if (b.path(Roots.procBytes()).append(PRESSURE).append(resource).read() < 0) {
            return Optional.empty();
        }
        return parse(b.cursor());
    }

    private static Optional<PressureResource> readFile(Path p) {
        ProcBuffer b = ProcBuffer.get();
        if (b.read(p) < 0) {
            return Optional.empty();
        }
        return parse(b.cursor());
    }

    /** The some/full lines of one pressure file; empty when it has neither. */
    public static Optional<PressureResource> parse(ByteCursor c) {
        PressureLine some = null;
        PressureLine full = null;
        while (c.hasMore()) {
            c.skipWhitespace();
            if (c.consume(SOME)) {
                some = line(c);
            } else if (c.consume(FULL)) {
                full = line(c);
            }
            c.nextLine();
        }
        if (some == null && full == null) {
            return Optional.empty();
        }
        return Optional.of(new PressureResource(Optional.ofNullable(some), Optional.ofNullable(full)));
    }

    /** "avg10=0.00 avg60=0.00 avg300=0.00 total=0", keys matched by name; null if malformed. */
    private static PressureLine line(ByteCursor c) {
        double a10 = Double.NaN;
        double a60 = Double.NaN;
        double a300 = Double.NaN;
        long total = -1;
        int end = c.lineEnd();
        while (c.pos() < end) {
            c.skipBlanks();
            if (c.consume(AVG10)) {
                a10 = SysFiles.decimal(c);
            } else if (c.consume(AVG60)) {
                a60 = SysFiles.decimal(c);
            } else if (c.consume(AVG300)) {
                a300 = SysFiles.decimal(c);
            } else if (c.consume(TOTAL)) {
                total = c.nextLong();
            } else {
                int p = c.pos();
                c.skipField();
                if (c.pos() == p) {
                    c.pos(p + 1); // a stray byte such as '\r'
                }
            }
        }
        if (Double.isNaN(a10) || Double.isNaN(a60) || Double.isNaN(a300) || total < 0) {
            return null;
        }
        return new PressureLine(a10, a60, a300, total);
    }
}
