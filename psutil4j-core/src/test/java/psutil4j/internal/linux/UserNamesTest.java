package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import psutil4j.testing.Cmd;
import psutil4j.testing.PythonPsutil;

class UserNamesTest {

    @Test
    void knownAndUnknownIds() {
        UserNames.clear();
        assertEquals("root", UserNames.name(0));
        assertEquals("root", UserNames.name(0)); // cached
        assertEquals("root", UserNames.group(0));
        assertEquals(Cmd.run("getent", "passwd", "65534").split(":")[0], UserNames.name(65534));
        assertEquals(Cmd.run("getent", "group", "65534").split(":")[0], UserNames.group(65534));
        // psutil falls back to the decimal uid when the user database does not know it.
        assertEquals("99999", UserNames.name(99999));
        assertEquals("99999", UserNames.group(99999));
        assertEquals("4294967294", UserNames.name(-2)); // ids are unsigned
    }

    @Test
    void sameAsPsutilUsernameOfThisProcess() {
        long pid = ProcessHandle.current().pid();
        String ps = PythonPsutil.eval("psutil.Process(" + pid + ").username()").asText();
        assertEquals(ps, UserNames.name(psutil4j.internal.ffi.ProcCalls.getuid()));
    }
}
