package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import psutil4j.Addr;
import psutil4j.ConnectionStatus;
import psutil4j.testing.Cmd;

/** {@code lsof}: golden formatting on fixed rows, and the same rows as lsof for a child we start. */
class LsofCommandTest {

    @Test
    void goldenTable() {
        var rows = List.of(
                new LsofCommand.Row("tail", 19334, "root", "cwd", ' ', "DIR", "254,0", "4096", "260072", "/tmp"),
                new LsofCommand.Row("tail", 19334, "root", "3", 'r', "REG", "254,0", "6", "2146488", "/tmp/x.txt"),
                new LsofCommand.Row("tail", 19334, "root", "4", 'r', "a_inode", "0,16", "0", "1038", "inotify"),
                new LsofCommand.Row("tail", 19334, "root", "251", 'w', "FIFO", "0,15", "0t0", "738150", "pipe"));
        var sw = new StringWriter();
        var pw = new PrintWriter(sw);
        LsofCommand.render(rows, pw);
        pw.flush();
        assertEquals("""
                COMMAND   PID USER   FD      TYPE DEVICE SIZE/OFF    NODE NAME
                tail    19334 root  cwd       DIR  254,0     4096  260072 /tmp
                tail    19334 root    3r      REG  254,0        6 2146488 /tmp/x.txt
                tail    19334 root    4r  a_inode   0,16        0    1038 inotify
                tail    19334 root  251w     FIFO   0,15      0t0  738150 pipe
                """, sw.toString());
    }

    @Test
    void socketNamesAndHelpers() {
        var any = Optional.<Addr>of(new Addr.Inet("::", 22));
        assertEquals("*:22 (LISTEN)", LsofCommand.inetName(any, Optional.empty(), "tcp", ConnectionStatus.LISTEN, Map.of()));
        assertEquals("*:ssh (LISTEN)", LsofCommand.inetName(any, Optional.empty(), "tcp", ConnectionStatus.LISTEN,
                Map.of("22/tcp", "ssh")));
        assertEquals("[::1]:53 ", LsofCommand.inetName(Optional.of(new Addr.Inet("::1", 53)), Optional.empty(), "udp",
                ConnectionStatus.NONE, Map.of()));
        assertEquals("127.0.0.1:40000->127.0.0.1:443 (ESTABLISHED)", LsofCommand.inetName(
                Optional.of(new Addr.Inet("::ffff:127.0.0.1", 40000)), Optional.of(new Addr.Inet("127.0.0.1", 443)),
                "tcp", ConnectionStatus.ESTABLISHED, Map.of()));
        // device numbers and access modes are the library's (FileStat.lsofDevice, ProcessFd.accessMode)
        assertEquals(new LsofCommand.InetSpec(0, "", "", 8080), LsofCommand.parseInet(":8080", null));
        assertEquals(new LsofCommand.InetSpec(4, "tcp", "", 0), LsofCommand.parseInet("4tcp", null));
        assertEquals(new LsofCommand.InetSpec(0, "udp", "127.0.0.1", 53), LsofCommand.parseInet("udp@127.0.0.1:53", null));
        assertEquals(new LsofCommand.InetSpec(6, "", "::1", 22), LsofCommand.parseInet("6@[::1]:22", null));
    }

    // ---- against lsof, with a child holding a known file and a listener of our own

    private Path file;
    private Process child;
    private ServerSocket server;

    @BeforeEach
    void start() throws Exception {
        file = Files.createTempFile("lsof-test", ".txt");
        Files.writeString(file, "hello\n");
        child = new ProcessBuilder("tail", "-f", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // wait until tail has the file open
        Path fd3 = Path.of("/proc", Long.toString(child.pid()), "fd", "3");
        for (int i = 0; i < 100 && !(Files.isSymbolicLink(fd3) && Files.readSymbolicLink(fd3).equals(file)); i++) {
            Thread.sleep(20);
        }
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
        child.waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(file);
    }

    @Test
    void sameRowsAsLsofForAChild() {
        String pid = Long.toString(child.pid());
        String theirs = Cmd.run("lsof", "-n", "-P", "-p", pid);
        SysCli.Result ours = SysCli.run("lsof", "-n", "-P", "-p", pid);
        assertEquals(0, ours.rc(), ours.err());
        assertEquals(theirs, ours.out());
        assertTrue(ours.out().contains("r      REG") || ours.out().lines().anyMatch(l -> l.endsWith(" " + file)), ours.out());
        assertTrue(ours.out().lines().anyMatch(l -> l.contains(" txt ") && l.endsWith("/tail")), ours.out());
    }

    @Test
    void fileArgumentFindsTheChild() {
        SysCli.Result ours = SysCli.run("lsof", file.toString());
        assertEquals(0, ours.rc(), ours.err());
        assertEquals(Cmd.run("lsof", file.toString()), ours.out());
        assertTrue(ours.out().contains(" " + child.pid() + " "));
    }

    @Test
    void inetPortFindsOurListener() {
        String port = Integer.toString(server.getLocalPort());
        SysCli.Result ours = SysCli.run("lsof", "-nP", "-i", ":" + port);
        assertEquals(0, ours.rc(), ours.err());
        String theirs = Cmd.run("lsof", "-nP", "-i", ":" + port);
        assertEquals(rowsWithout(theirs), rowsWithout(ours.out()));
        String line = ours.out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(line.contains(" " + ProcessHandle.current().pid() + " "), line);
        assertTrue(line.endsWith("TCP 127.0.0.1:" + port + " (LISTEN)"), line);
        assertTrue(SysCli.run("lsof", "-nP", "-i", "tcp").out().contains("127.0.0.1:" + port + " (LISTEN)"));
        assertTrue(SysCli.run("lsof", "-nP", "-i").out().contains("127.0.0.1:" + port + " (LISTEN)"));
        assertEquals(1, SysCli.run("lsof", "-nP", "-i", "udp:" + port).rc(), "no such UDP socket: exit 1 as lsof");
    }

    /** lsof's rows for -i with the COMMAND cut as ours (lsof takes comm, "java", like psutil's name). */
    private static List<String> rowsWithout(String out) {
        return out.lines().map(l -> l.replaceAll("\\s+", " ")).toList();
    }

    @Test
    void userSelection() {
        String user = System.getProperty("user.name");
        SysCli.Result ours = SysCli.run("lsof", "-a", "-u", user, "-p", Long.toString(child.pid()));
        assertEquals(0, ours.rc(), ours.err());
        assertTrue(ours.out().lines().skip(1).allMatch(l -> l.contains(" " + child.pid() + " ")), ours.out());
        assertEquals(1, SysCli.run("lsof", "-a", "-u", "nosuchuser12345", "-p", Long.toString(child.pid())).rc());
    }

    @Test
    void terseAndCommandSelection() {
        SysCli.Result t = SysCli.run("lsof", "-t", file.toString());
        assertEquals(0, t.rc(), t.err());
        assertEquals(Cmd.run("lsof", "-t", file.toString()), t.out());
        assertEquals(child.pid() + "\n", t.out());
        SysCli.Result c = SysCli.run("lsof", "-a", "-c", "tai", "-p", Long.toString(child.pid()));
        assertEquals(Cmd.run("lsof", "-nP", "-a", "-c", "tai", "-p", Long.toString(child.pid())), c.out());
        assertEquals(1, SysCli.run("lsof", "-a", "-c", "nosuchcommand", "-p", Long.toString(child.pid())).rc());
    }

    @Test
    void jsonIsPsutilShaped() throws Exception {
        SysCli.Result r = SysCli.run("lsof", "--json", "-p", Long.toString(child.pid()));
        assertEquals(0, r.rc(), r.err());
        JsonNode p = new ObjectMapper().readTree(r.out()).get(0);
        assertEquals(child.pid(), p.get("pid").asLong());
        assertEquals("tail", p.get("name").asText());
        JsonNode f = p.get("open_files").get(0);
        assertEquals(file.toString(), f.get("path").asText());
        var names = new java.util.ArrayList<String>();
        f.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("path", "fd", "position", "mode", "flags"), names);
    }

    @Test
    void usageErrors() {
        assertEquals(2, SysCli.run("lsof", "--bogus").rc());
        assertEquals(2, SysCli.run("lsof", "-i", "bogus").rc());
    }
}
