package psutil4j.internal.linux;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import psutil4j.internal.ffi.ErrnoException;
import psutil4j.internal.ffi.ProcCalls;

/**
 * uid/gid to name, as psutil's {@code Process.username()} does it: the name from the user
 * database (getpwuid_r through NSS, so LDAP/sssd users resolve), else the decimal id.
 *
 * <p>Names found are cached for the life of the JVM (an account is rarely renamed; psutil asks
 * every time, but a process table asks for the same few uids thousands of times). Unknown ids are
 * cached for {@link #MISS_TTL_NANOS} only, so an account created later shows up.
 */
public final class UserNames {

    /** How long an unknown id keeps its decimal fallback before NSS is asked again. */
    static final long MISS_TTL_NANOS = 30_000_000_000L;

    private record Entry(String name, boolean found, long at) {
    }

    private static final ConcurrentHashMap<Integer, Entry> USERS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, Entry> GROUPS = new ConcurrentHashMap<>();

    private UserNames() {
    }

    /** The user name of {@code uid}, or its decimal value (unsigned) when the user is unknown. */
    public static String name(int uid) {
        return lookup(USERS, uid, true);
    }

    /** The group name of {@code gid}, or its decimal value (unsigned) when the group is unknown. */
    public static String group(int gid) {
        return lookup(GROUPS, gid, false);
    }

    private static String lookup(ConcurrentHashMap<Integer, Entry> cache, int id, boolean user) {
        Entry e = cache.get(id);
        long now = System.nanoTime();
        if (e != null && (e.found || now - e.at < MISS_TTL_NANOS)) {
            return e.name;
        }
        Optional<String> name;
        try {
            name = user ? ProcCalls.userName(id) : ProcCalls.groupName(id);
        } catch (ErrnoException ex) {
            // NSS backend trouble (EIO, EMFILE, ...): answer like an unknown id but do not cache it.
            return Integer.toUnsignedString(id);
        }
        Entry fresh = name.map(n -> new Entry(n, true, now))
                .orElseGet(() -> new Entry(Integer.toUnsignedString(id), false, now));
        cache.put(id, fresh);
        return fresh.name;
    }

    /** Forgets all cached names (tests, or after the user database changed). */
    public static void clear() {
        USERS.clear();
        GROUPS.clear();
    }
}
