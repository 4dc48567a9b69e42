package psutil4j.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import psutil4j.DiskUsage;

class StatFsTest {

    private static final DiskUsage USAGE = new DiskUsage(100, 40, 60, 40.0);

    @Test
    void stuckNetworkMountIsSkippedUntilItAnswers() throws Exception {
        var release = new CountDownLatch(1);
        var calls = new AtomicInteger();
        var fs = new SystemMetrics.StatFs(mp -> {
            calls.incrementAndGet();
            if (mp.equals("/mnt/nfs")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return USAGE;
        }, Duration.ofMillis(100));
        assertEquals(USAGE, fs.usage("/", "ext4"));
        assertEquals(USAGE, fs.usage("/mnt/ok", "nfs4"));
        assertNull(fs.usage("/mnt/nfs", "nfs"));
        assertEquals(Set.of("/mnt/nfs"), fs.stuck());
        int before = calls.get();
        assertNull(fs.usage("/mnt/nfs", "nfs"), "skipped while stuck");
        assertEquals(before, calls.get(), "no second call while the first hangs");
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!fs.stuck().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(fs.stuck().isEmpty());
        assertEquals(USAGE, fs.usage("/mnt/nfs", "nfs"));
    }

    @Test
    void failuresAreNull() {
        var fs = new SystemMetrics.StatFs(mp -> {
            throw new IllegalArgumentException("gone");
        }, Duration.ofMillis(100));
        assertNull(fs.usage("/x", "ext4"));
        assertNull(fs.usage("/y", "cifs"));
        assertTrue(SystemMetrics.StatFs.NETWORK_FS.matcher("fuse.sshfs").matches());
        assertTrue(!SystemMetrics.StatFs.NETWORK_FS.matcher("tmpfs").matches());
    }
}
