package psutil4j.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import psutil4j.testing.Cmd;
import psutil4j.testing.PythonPsutil;

/** {@link Signals} against bash's {@code kill -l} and Python's {@code signal} module. */
class SignalsTest {

    /** "1) SIGHUP\t 2) SIGINT ..." -> number to name. */
    private static Map<Integer, String> bashKillL() {
        var m = new HashMap<Integer, String>();
        String[] tok = Cmd.run("bash", "-c", "kill -l").trim().split("\\s+");
        for (int i = 0; i + 1 < tok.length; i += 2) {
            m.put(Integer.parseInt(tok[i].replace(")", "")), tok[i + 1]);
        }
        return m;
    }

    @Test
    void namesMatchBashKillL() {
        Map<Integer, String> bash = bashKillL();
        int[] ours = Signals.numbers();
        assertEquals(bash.size(), ours.length);
        for (int n : ours) {
            assertEquals(Optional.ofNullable(bash.get(n)), Signals.name(n), "signal " + n);
            assertEquals(OptionalInt.of(n), Signals.number(bash.get(n)), bash.get(n));
        }
    }

    @Test
    void numbersMatchPythonSignalModule() {
        var py = PythonPsutil.eval("{s.name: int(s) for s in __import__('signal').Signals}");
        py.fieldNames().forEachRemaining(name ->
                assertEquals(OptionalInt.of(py.get(name).asInt()), Signals.number(name), name));
        assertTrue(py.size() >= 33);
    }

    @Test
    void parsing() {
        assertEquals(OptionalInt.of(15), Signals.number("TERM"));
        assertEquals(OptionalInt.of(15), Signals.number("sigterm"));
        assertEquals(OptionalInt.of(9), Signals.number(" 9 "));
        assertEquals(OptionalInt.of(0), Signals.number("0"));
        assertEquals(OptionalInt.of(6), Signals.number("IOT"));
        assertEquals(OptionalInt.of(29), Signals.number("POLL"));
        assertEquals(OptionalInt.of(17), Signals.number("SIGCLD"));
        assertEquals(OptionalInt.of(37), Signals.number("RTMIN+3"));
        assertEquals(OptionalInt.of(62), Signals.number("SIGRTMAX-2"));
        assertEquals(OptionalInt.empty(), Signals.number("RTMIN-1"));
        assertEquals(OptionalInt.empty(), Signals.number("RTMAX+1"));
        assertEquals(OptionalInt.empty(), Signals.number("RTMIN+31"));
        assertEquals(OptionalInt.empty(), Signals.number("32"));
        assertEquals(OptionalInt.empty(), Signals.number("65"));
        assertEquals(OptionalInt.empty(), Signals.number("-1"));
        assertEquals(OptionalInt.empty(), Signals.number("FOO"));
        assertEquals(OptionalInt.empty(), Signals.number(""));
        assertEquals(Optional.empty(), Signals.name(0));
        assertEquals(Optional.empty(), Signals.name(33));
        assertEquals(Optional.of("SIGRTMIN+15"), Signals.name(49));
        assertEquals(Optional.of("SIGRTMAX-14"), Signals.name(50));
    }
}
