package psutil4j.internal.ffi;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/** sysconf(3): clock ticks, page size, configured CPUs. */
public final class Sysconf {

    // long sysconf(int name)
    private static final MethodHandle SYSCONF = Native.downcall("sysconf",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT));

    // glibc's <bits/confname.h>
    private static final int SC_CLK_TCK = 2;
    private static final int SC_PAGESIZE = 30;
    private static final int SC_NPROCESSORS_CONF = 83;
    private static final int SC_NPROCESSORS_ONLN = 84;

    private Sysconf() {
    }

    private static long call(int name) {
        try {
            return (long) SYSCONF.invokeExact(name);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static long clockTicks() {
        return call(SC_CLK_TCK);
    }

    public static long pageSize() {
        return call(SC_PAGESIZE);
    }

    public static long cpusConfigured() {
        return call(SC_NPROCESSORS_CONF);
    }

    public static long cpusOnline() {
        return call(SC_NPROCESSORS_ONLN);
    }
}
