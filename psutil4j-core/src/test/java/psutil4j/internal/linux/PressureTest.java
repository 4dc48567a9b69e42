package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import psutil4j.Pressure;
import psutil4j.PressureLine;
import psutil4j.PressureResource;
import psutil4j.Psutil;
import psutil4j.internal.linux.proc.ProcPressure;
import psutil4j.internal.parse.ByteCursor;

// Isolated: fixture tests repoint the global Roots, which would confuse tests running alongside.
@org.junit.jupiter.api.parallel.Isolated
class PressureTest {

    private static Optional<PressureLine> l(double a10, double a60, double a300, long total) {
        return Optional.of(new PressureLine(a10, a60, a300, total));
    }

    private static Optional<PressureResource> r(Optional<PressureLine> some, Optional<PressureLine> full) {
        return Optional.of(new PressureResource(some, full));
    }

    @Test
    void kernel61WithIrq() {
        Pressure p = MiscFixtures.with("pressure-6.1", Psutil::pressure);
        assertEquals(new Pressure(
                r(l(3.67, 1.79, 1.36, 7880439), l(0, 0, 0, 0)),
                r(l(0, 0.23, 0.76, 5650863), l(0, 0.21, 0.72, 5431401)),
                r(l(12.5, 100.0, 0.01, 18446744073L), l(9.99, 8.88, 7.77, 123)),
                r(Optional.empty(), l(0.1, 0.05, 0.01, 42))), p);
    }

    @Test
    void kernelWithoutCpuFullNorIrq() {
        Pressure p = MiscFixtures.with("pressure-5.10", Psutil::pressure);
        assertEquals(r(l(1, 2, 3, 100), Optional.empty()), p.cpu());
        assertEquals(r(l(0, 0, 0, 5), l(0, 0, 0, 4)), p.io());
        assertTrue(p.memory().isPresent());
        assertEquals(Optional.empty(), p.irq());
    }

    @Test
    void noPsi() {
        Pressure p = MiscFixtures.with("pressure-none", Psutil::pressure);
        assertEquals(Pressure.NONE, p);
        assertTrue(p.isEmpty());
    }

    @Test
    void oddContent() {
        assertEquals(Optional.empty(), ProcPressure.parse(ByteCursor.of("")));
        assertEquals(Optional.empty(), ProcPressure.parse(ByteCursor.of("garbage\n")));
        // Keys in another order, extra keys, CRLF: matched by name.
        assertEquals(r(l(1, 2, 3, 4), Optional.empty()),
                ProcPressure.parse(ByteCursor.of("some total=4 avg300=3 new=9 avg60=2 avg10=1\r\n")));
        // A truncated line is dropped, not guessed.
        assertEquals(r(Optional.empty(), l(1, 2, 3, 4)),
                ProcPressure.parse(ByteCursor.of("some avg10=1 avg60=2\nfull avg10=1 avg60=2 avg300=3 total=4")));
    }

    @Test
    void liveMatchesRawFiles() throws IOException {
        Path dir = Path.of("/proc/pressure");
        for (int attempt = 0; ; attempt++) {
            String[] names = {"cpu", "memory", "io", "irq"};
            String[] before = new String[4];
            String[] after = new String[4];
            for (int i = 0; i < 4; i++) {
                before[i] = readOrNull(dir.resolve(names[i]));
            }
            Pressure p = Psutil.pressure();
            for (int i = 0; i < 4; i++) {
                after[i] = readOrNull(dir.resolve(names[i]));
            }
            List<Optional<PressureResource>> ours = List.of(p.cpu(), p.memory(), p.io(), p.irq());
            String mismatch = null;
            for (int i = 0; i < 4 && mismatch == null; i++) {
                if ((before[i] == null) != ours.get(i).isEmpty()) {
                    mismatch = names[i] + ": file " + (before[i] == null ? "missing" : "present") + ", ours " + ours.get(i);
                } else if (before[i] != null) {
                    mismatch = between(names[i], before[i], after[i], ours.get(i).get());
                }
            }
            if (mismatch == null) {
                return;
            }
            if (attempt == 1) {
                throw new AssertionError(mismatch);
            }
        }
    }

    /** Our values lie between two raw reads taken before and after. */
    private static String between(String name, String before, String after, PressureResource ours) {
        for (String kind : new String[] {"some", "full"}) {
            double[] b = line(before, kind);
            double[] a = line(after, kind);
            Optional<PressureLine> o = kind.equals("some") ? ours.some() : ours.full();
            if ((b == null) != o.isEmpty()) {
                return name + " " + kind + ": raw " + before + " ours " + ours;
            }
            if (b == null) {
                continue;
            }
            PressureLine v = o.get();
            double[] mine = {v.avg10(), v.avg60(), v.avg300(), v.total()};
            for (int i = 0; i < 4; i++) {
                if (mine[i] < Math.min(b[i], a[i]) - 1e-9 || mine[i] > Math.max(b[i], a[i]) + 1e-9) {
                    return name + " " + kind + " field " + i + ": " + mine[i] + " not in [" + b[i] + ", " + a[i] + "]";
                }
            }
        }
        return null;
    }

    /** avg10, avg60, avg300, total of the raw line (parsed with String tools, independently). */
    private static double[] line(String content, String kind) {
        for (String ln : content.split("\n")) {
            if (ln.startsWith(kind + " ")) {
                double[] out = new double[4];
                for (String kv : ln.substring(kind.length()).trim().split(" ")) {
                    String[] p = kv.split("=");
                    int i = switch (p[0]) {
                        case "avg10" -> 0;
                        case "avg60" -> 1;
                        case "avg300" -> 2;
                        case "total" -> 3;
                        default -> -1;
                    };
                    if (i >= 0) {
                        out[i] = Double.parseDouble(p[1]);
                    }
                }
                return out;
            }
        }
        return null;
    }

    private static String readOrNull(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }
}
