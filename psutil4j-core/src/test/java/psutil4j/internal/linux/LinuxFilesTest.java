package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import psutil4j.FileType;
import psutil4j.internal.linux.proc.PidFdLink;
import psutil4j.internal.parse.ByteCursor;

/** Terminal paths (tty) and the type of /proc/PID/fd link texts (lsof). */
class LinuxFilesTest {

    @Test
    void terminalPaths() {
        for (String t : new String[] {"/dev/pts/12", "/dev/tty1", "/dev/ttyS0", "/dev/ttyUSB0", "/dev/console", "/dev/tty"}) {
            assertTrue(LinuxFiles.isTerminalPath(t), t);
        }
        for (String t : new String[] {"/dev/null", "pipe:[1234]", "/dev/pts/", "/dev/pts/ptmx", "/tmp/tty1", "/dev/tty1/x"}) {
            assertFalse(LinuxFiles.isTerminalPath(t), t);
        }
    }

    @Test
    void linkTypes() {
        assertEquals(FileType.A_INODE, PidFdLink.type(new ByteCursor(ByteCursor.ascii("anon_inode:[eventfd]")), FileType.UNKNOWN));
        assertEquals(FileType.A_INODE, PidFdLink.type(new ByteCursor(ByteCursor.ascii("anon_inode:inotify")), FileType.UNKNOWN));
        assertEquals(FileType.FIFO, PidFdLink.type(new ByteCursor(ByteCursor.ascii("pipe:[4711]")), FileType.FIFO));
        assertEquals(FileType.REG, PidFdLink.type(new ByteCursor(ByteCursor.ascii("/tmp/anon_inode:x")), FileType.REG));
        assertEquals(FileType.UNKNOWN, FileType.ofMode(0600));
        assertEquals(FileType.SOCK, FileType.ofMode(0140777));
        assertEquals("sock", FileType.SOCK.lsofName());
    }
}
