package psutil4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import psutil4j.FileStat;
import psutil4j.FileType;
import psutil4j.ProcessFd;
import psutil4j.ProcessLink;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.testing.Cmd;

/**
 * {@link PsProcess#fds()}, {@link PsProcess#root()}, {@link PsProcess#linkStat} and
 * {@link Psutil#fileStat}: a child with known open files, against {@code lsof -p} and the JDK's
 * stat.
 */
class ProcessFdsTest {

    /** lsof's columns of one line: FD (number and mode), TYPE, DEVICE, SIZE/OFF, NODE, NAME. */
    record LsofLine(String fd, String type, String device, String sizeOff, String node, String name) {
    }

    static Map<String, LsofLine> lsof(long pid) {
        String out = Cmd.run("lsof", "-w", "-n", "-P", "-p", Long.toString(pid));
        var lines = out.lines().toList();
        String header = lines.getFirst();
        int nameAt = header.indexOf("NAME");
        var m = new HashMap<String, LsofLine>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.substring(0, nameAt).trim().split("\\s+");
            // COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE (DEVICE may be blank)
            String fd = f[3];
            String node = f[f.length - 1];
            String size = f[f.length - 2];
            String type = f[4];
            String device = f.length >= 8 ? f[5] : "";
            m.putIfAbsent(fd, new LsofLine(fd, type, device, size, node, l.substring(nameAt)));
        }
        return m;
    }

    @Test
    void descriptorsOfAChildMatchLsof() throws Exception {
        try (var ch = new Children()) {
            Path dir = ch.tempDir();
            Path data = dir.resolve("data.txt");
            Files.writeString(data, "hello, lsof\n");
            Path out = dir.resolve("out.log");
            Path gone = dir.resolve("gone.txt");
            Files.writeString(gone, "x");
            // 3 read-only, 4 append, 5 read-write on a file then unlinked, 6 a directory, 7 /dev/null
            Process p = ch.start("sh", "-c", "exec 3<'" + data + "' 4>>'" + out + "' 5<>'" + gone + "' 6<'" + dir
                    + "' 7>/dev/null; rm '" + gone + "'; echo ready; exec sleep 600");
            assertEquals("ready", Children.firstLine(p));
            PsProcess proc = PsProcess.of((int) p.pid());
            Children.await("exec sleep", () -> proc.name().equals("sleep"));

            Map<Integer, ProcessFd> fds = new HashMap<>();
            for (ProcessFd f : proc.fds()) {
                fds.put(f.fd(), f);
            }
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), fds.keySet().stream().sorted().toList());
            ProcessFd r = fds.get(3);
            assertEquals(data.toString(), r.target());
            assertEquals(FileType.REG, r.type());
            assertEquals('r', r.accessMode());
            assertEquals(OptionalLong.of(0), r.position());
            assertEquals(12, r.stat().orElseThrow().size());
            assertEquals(Files.getAttribute(data, "unix:ino"), r.stat().orElseThrow().inode());
            assertEquals('w', fds.get(4).accessMode());
            assertTrue((fds.get(4).flags().getAsInt() & 02000) != 0, "O_APPEND");
            ProcessFd del = fds.get(5);
            assertEquals(gone + " (deleted)", del.target());
            assertEquals('u', del.accessMode());
            assertEquals(1, del.stat().orElseThrow().size(), "stat follows the link to the deleted file");
            assertEquals(FileType.DIR, fds.get(6).type());
            FileStat nul = fds.get(7).stat().orElseThrow();
            assertEquals(FileType.CHR, nul.type());
            assertEquals("1,3", nul.lsofDevice());
            // the JDK's pipes for stdin/stdout/stderr
            assertEquals(FileType.FIFO, fds.get(0).type());
            assertTrue(fds.get(0).target().startsWith("pipe:["), fds.get(0).target());
            assertEquals(fds.get(0).stat().orElseThrow().inode(), fds.get(0).linkInode().getAsLong());

            Map<String, LsofLine> theirs = lsof(p.pid());
            for (ProcessFd f : fds.values()) {
                LsofLine l = theirs.get(Integer.toString(f.fd()) + f.accessMode());
                assertTrue(l != null, "lsof has fd " + f.fd() + f.accessMode() + ": " + theirs.keySet());
                assertEquals(l.type(), f.type().lsofName(), "type of " + f);
                FileStat st = f.stat().orElseThrow();
                assertEquals(l.device(), st.lsofDevice(), "device of " + f);
                assertEquals(l.node(), Long.toString(st.inode()), "inode of " + f);
                if (f.type() == FileType.REG) {
                    assertEquals(l.sizeOff(), Long.toString(st.size()), "size of " + f);
                }
            }
            // cwd, rtd, txt
            assertEquals("/", proc.root());
            for (var e : Map.of(ProcessLink.CWD, "cwd", ProcessLink.ROOT, "rtd", ProcessLink.EXE, "txt").entrySet()) {
                FileStat st = proc.linkStat(e.getKey()).orElseThrow();
                LsofLine l = theirs.get(e.getValue());
                assertEquals(l.type(), st.type().lsofName(), e.getValue());
                assertEquals(l.device(), st.lsofDevice(), e.getValue());
                assertEquals(l.node(), Long.toString(st.inode()), e.getValue());
            }
            assertEquals(proc.fds(), proc.asDict(List.of("fds"), null).get("fds"));
            assertEquals("/", proc.asDict(List.of("root"), null).get("root"));
        }
    }

    @Test
    void anonymousInodesAreAInode() throws Exception {
        // this JVM holds epoll or eventfd descriptors (NIO selector, virtual-thread poller)
        try (var sel = java.nio.channels.Selector.open()) {
            List<ProcessFd> mine = PsProcess.current().fds();
            assertTrue(mine.stream().anyMatch(f -> f.type() == FileType.A_INODE && f.target().startsWith("anon_inode:")),
                    mine.toString());
            assertTrue(sel.isOpen());
        }
    }

    @Test
    void fileStatOfPaths() throws Exception {
        FileStat root = Psutil.fileStat("/").orElseThrow();
        assertEquals(FileType.DIR, root.type());
        assertEquals(Files.getAttribute(Path.of("/"), "unix:ino"), root.inode());
        assertEquals(Optional.empty(), Psutil.fileStat("/no/such/psutil4j"));
        assertEquals(Optional.empty(), Psutil.fileStat("/etc/hostname/x"));
        FileStat tty = Psutil.fileStat("/dev/null").orElseThrow();
        assertTrue(tty.isDevice());
        assertEquals(1, tty.rdevMajor());
        assertEquals(3, tty.rdevMinor());
        assertThrows(IllegalArgumentException.class, () -> Psutil.fileStat("a\0b"));
    }

    @Test
    void accessModeAndLinkInode() {
        var f = new ProcessFd(3, "socket:[4711]", FileType.SOCK, OptionalLong.empty(), OptionalInt.of(02), Optional.empty());
        assertEquals('u', f.accessMode());
        assertEquals(OptionalLong.of(4711), f.linkInode());
        var g = new ProcessFd(3, "/tmp/a:[1]", FileType.REG, OptionalLong.empty(), OptionalInt.empty(), Optional.empty());
        assertEquals(' ', g.accessMode());
        assertFalse(g.linkInode().isPresent());
        assertEquals('r', new ProcessFd(0, "x", FileType.REG, OptionalLong.empty(), OptionalInt.of(0100000),
                Optional.empty()).accessMode());
    }

    @Test
    void ttynameLikeCoreutils() {
        // the test JVM's stdin is not a terminal under Maven; ttyname agrees with tty(1) run the same way
        Optional<String> ours = Psutil.ttyname(0);
        assertTrue(ours.isEmpty() || ours.get().startsWith("/dev/"), ours.toString());
        assertEquals(Optional.empty(), Psutil.ttyname(-1));
        assertEquals(Optional.empty(), Psutil.ttyname(999_999));
    }
}
