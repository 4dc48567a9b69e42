package psutil4j.internal.linux.proc;

import psutil4j.internal.parse.ByteCursor;

/** /proc/[pid]/fdinfo/[fd] (since 2.6.22): "pos:" and "flags:" (octal) are its first two lines. */
public final class PidFdinfo {

    private static final byte[] POS = ByteCursor.ascii("pos:");
    private static final byte[] FLAGS = ByteCursor.ascii("flags:");

    private PidFdinfo() {
    }

    /** Returns {pos, flags}; -1 for a missing one. */
    public static long[] parse(ByteCursor c) {
        long[] v = {-1, -1};
        while (c.hasMore()) {
            if (c.consume(POS)) {
                v[0] = c.nextLong();
            } else if (c.consume(FLAGS)) {
                c.skipBlanks();
                long f = 0;
                boolean any = false;
                while (c.hasMore() && c.peek() >= '0' && c.peek() <= '7') {
                    f = f * 8 + (c.peek() - '0');
                    c.pos(c.pos() + 1);
                    any = true;
                }
                v[1] = any ? f : -1;
            }
            c.nextLine();
        }
        return v;
    }

    /** psutil's {@code file_flags_to_mode}: 'r', 'w', 'w+' then 'a' for O_APPEND ('a', 'a+'), 'r+' for O_RDWR. */
    public static String mode(long flags) {
        String mode = switch ((int) (flags & 3)) {
            case 0 -> "r";
            case 1 -> "w";
            default -> "w+";
        };
        if ((flags & 02000) != 0) { // O_APPEND
            mode = mode.equals("w") ? "a" : mode.equals("w+") ? "a+" : mode;
        }
        if (mode.equals("w+")) {
            mode = "r+";
        }
        return mode;
    }
}
