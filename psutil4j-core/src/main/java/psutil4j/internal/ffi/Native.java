package psutil4j.internal.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The one place that binds libc through {@code java.lang.foreign}. Other classes in this package
 * group libc calls by topic ({@link FileIo}, ...) and expose typed static wrappers so that
 * {@code invokeExact} never leaks out of {@code psutil4j.internal.ffi}.
 *
 * <p>errno is captured with {@code Linker.Option.captureCallState("errno")}: a downcall made with
 * {@link #downcallErrno} takes a call-state segment as its first argument; read it back with
 * {@link #errno(MemorySegment)}. Each thread has its own call-state segment ({@link #callState()}).
 *
 * <p>Making a downcall handle spins a stub class (several milliseconds each at start-up), so a
 * class with several handles keeps each in its own holder class ({@code Open.MH}, ...), made on
 * first use: a one-shot command pays only for the calls it makes. The JIT still treats the
 * holder's {@code static final} as a constant and inlines the stub.
 */
public final class Native {

    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup LIBC = LINKER.defaultLookup();
    static final StructLayout CALL_STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final ThreadLocal<MemorySegment> CALL_STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE_LAYOUT));

    // errno values (asm-generic/errno-base.h), used by callers to map to psutil's exceptions.
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int ENOSYS = 38;
    public static final int ENOTDIR = 20;

    private Native() {
    }

    /** A downcall handle for a libc symbol; the symbol must exist. */
    static MethodHandle downcall(String symbol, FunctionDescriptor fd) {
        return LINKER.downcallHandle(find(symbol), fd);
    }

    /** A downcall handle whose first parameter is a call-state segment that receives errno. */
    static MethodHandle downcallErrno(String symbol, FunctionDescriptor fd) {
        return LINKER.downcallHandle(find(symbol), fd, CAPTURE_ERRNO);
    }

    static MemorySegment find(String symbol) {
        return LIBC.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + symbol));
    }

    /** This thread's call-state segment, passed first to handles made by {@link #downcallErrno}. */
    static MemorySegment callState() {
        return CALL_STATE.get();
    }

    /** errno as captured in a call-state segment. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** A short name for an errno value, for messages. */
    public static String errnoName(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case ESRCH -> "ESRCH";
            case EINTR -> "EINTR";
            case EIO -> "EIO";
            case ECHILD -> "ECHILD";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EINVAL -> "EINVAL";
            case ENOSYS -> "ENOSYS";
            case ENOTDIR -> "ENOTDIR";
            default -> "errno " + errno;
        };
    }
}
