package psutil4j.internal.linux.proc;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** /proc/[pid]/environ: the process's initial environment, NUL-separated "KEY=value" entries. */
public final class PidEnviron {

    private PidEnviron() {
    }

    /**
     * psutil's {@code parse_environ_block}: stops at a NUL at the start or a double NUL (the
     * block may have trailing garbage), skips entries without '=' or with an empty key;
     * a later duplicate key wins.
     */
    public static Map<String, String> parse(byte[] b, int len) {
        var ret = new LinkedHashMap<String, String>();
        int pos = 0;
        while (true) {
            int next = -1;
            for (int i = pos; i < len; i++) {
                if (b[i] == 0) {
                    next = i;
                    break;
                }
            }
            if (next <= pos) {
                break;
            }
            int eq = -1;
            for (int i = pos; i < next; i++) {
                if (b[i] == '=') {
                    eq = i;
                    break;
                }
            }
            if (eq > pos) {
                ret.put(new String(b, pos, eq - pos, StandardCharsets.UTF_8),
                        new String(b, eq + 1, next - eq - 1, StandardCharsets.UTF_8));
            }
            pos = next + 1;
        }
        return ret;
    }
}
