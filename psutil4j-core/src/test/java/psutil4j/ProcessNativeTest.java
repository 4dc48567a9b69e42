package psutil4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Pure parts of the native glue: the CPU list psutil's _get_eligible_cpus parses. */
class ProcessNativeTest {

    @Test
    void cpuList() {
        // psutil's test_status_file_cpus_allowed_list and test_status_file_parsing
        assertArrayEquals(new int[] {0, 1, 2, 3, 8}, ProcessNative.parseCpuList("0-3,8"));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, ProcessNative.parseCpuList("0-7"));
        assertArrayEquals(new int[] {5}, ProcessNative.parseCpuList(" 5\n"));
        assertNull(ProcessNative.parseCpuList(""));
        assertNull(ProcessNative.parseCpuList("x-y"));
    }
}
