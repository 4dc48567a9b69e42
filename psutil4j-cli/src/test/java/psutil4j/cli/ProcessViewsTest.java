package psutil4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import psutil4j.MemoryMapExt;
import psutil4j.testing.PythonPsutil;

/** pmap, pstree, procsmem and procinfo against procps, psmisc and real psutil. */
class ProcessViewsTest {

    private final Cli.Kids kids = new Cli.Kids();

    @AfterEach
    void cleanup() {
        kids.close();
    }

    @Test
    void pmapMatchesProcpsForASleepingChild() {
        Process p = kids.start("sleep", "60");
        String pid = Long.toString(p.pid());
        Cli.await("sleeping", () -> Cli.theirs("ps", "-o", "stat=", "-p", pid).out().strip().equals("S"));
        for (var flags : List.of(List.<String>of(), List.of("-x"), List.of("-q"), List.of("-x", "-q"))) {
            var ours = new ArrayList<>(List.of("pmap"));
            ours.addAll(flags);
            ours.add(pid);
            var r = Cli.ours(ours.toArray(String[]::new));
            assertEquals(0, r.rc(), r.err());
            String theirs = Cli.theirs(ours.toArray(String[]::new)).out();
            if (!theirs.equals(r.out())) {
                // a page of a library may have been faulted in or dropped between the reads
                r = Cli.ours(ours.toArray(String[]::new));
                theirs = Cli.theirs(ours.toArray(String[]::new)).out();
            }
            assertEquals(theirs, r.out(), "pmap " + flags);
        }
        assertEquals(1, Cli.ours("pmap", Integer.toString(Integer.MAX_VALUE / 2)).rc());
        assertEquals(2, Cli.ours("pmap").rc());
    }

    @Test
    void pmapOfAKernelThreadAndAZombie() {
        for (var flags : List.of(List.<String>of(), List.of("-x"))) {
            var argv = new ArrayList<>(List.of("pmap"));
            argv.addAll(flags);
            argv.add("2");
            assertEquals(Cli.theirs(argv.toArray(String[]::new)).out(), Cli.ours(argv.toArray(String[]::new)).out(), "kthreadd");
        }
        // sleep does not reap the child its shell left behind: a zombie
        Process parent = kids.startExpecting("sleep", "sh", "-c", "sleep 0 & exec sleep 60");
        String ppid = Long.toString(parent.pid());
        Cli.await("zombie", () -> Cli.theirs("ps", "-o", "stat=", "--ppid", ppid).out().strip().startsWith("Z"));
        String zombie = Cli.theirs("ps", "-o", "pid=", "--ppid", ppid).out().strip();
        assertEquals(Cli.theirs("pmap", zombie).out(), Cli.ours("pmap", zombie).out());
        assertEquals(Cli.theirs("ps", "u", "-p", zombie).out(), Cli.ours("ps", "u", "-p", zombie).out());
    }

    @Test
    void pmapGolden() {
        var maps = List.of(
                new MemoryMapExt("55d0c0a00000-55d0c0a02000", "r--p", "/usr/bin/sleep", 8192, 8192, 8192, 0, 0, 8192, 0, 8192, 0, 0),
                new MemoryMapExt("55d0c1000000-55d0c1021000", "rw-p", "[heap]", 16384, 135168, 16384, 0, 0, 0, 16384, 16384, 16384, 0),
                new MemoryMapExt("7f0000000000-7f0000007000", "r--s", "/usr/lib/gconv/gconv-modules.cache", 28672, 28672, 0,
                        28672, 4096, 0, 0, 0, 0, 0),
                new MemoryMapExt("7ffc00000000-7ffc00021000", "rw-p", "[stack]", 12288, 135168, 12288, 0, 0, 0, 12288, 0, 0, 0));
        assertEquals(String.join("\n",
                "42:   sleep 60",
                "000055d0c0a00000      8K r---- sleep",
                "000055d0c1000000    132K rw---   [ anon ]",
                "00007f0000000000     28K r--s- gconv-modules.cache",
                "00007ffc00000000    132K rw---   [ stack ]",
                " total              300K",
                ""), PmapCommand.render(42, "sleep 60", maps, false, false, false));
        assertEquals(String.join("\n",
                "42:   sleep 60",
                "Address           Kbytes     RSS   Dirty Mode  Mapping",
                "000055d0c0a00000       8       8       0 r---- /usr/bin/sleep",
                "000055d0c1000000     132      16      16 rw---   [ anon ]",
                "00007f0000000000      28      28       4 r--s- /usr/lib/gconv/gconv-modules.cache",
                "00007ffc00000000     132      12      12 rw---   [ stack ]",
                "---------------- ------- ------- ------- ",
                "total kB             300      64      32",
                ""), PmapCommand.render(42, "sleep 60", maps, true, false, true));
    }

    /** Starts sh with two sleeping children and waits for both. */
    private Process family() {
        Process sh = kids.start("sh", "-c", "sleep 60 & sleep 61 & wait");
        Cli.await("two children", () -> sh.children().filter(c -> Cli.Kids.comm(c.pid()).equals("sleep")).count() == 2);
        return sh;
    }

    @Test
    void pstreeMatchesPsmisc() {
        Process sh = family();
        String pid = Long.toString(sh.pid());
        for (var flags : List.of(List.<String>of(), List.of("-p"), List.of("-c"), List.of("-a"), List.of("-n", "-p"),
                List.of("-a", "-p"), List.of("-l", "-a"), List.of("-T"))) {
            var argv = new ArrayList<>(List.of("pstree"));
            argv.addAll(flags);
            argv.add(pid);
            var r = Cli.ours(argv.toArray(String[]::new));
            assertEquals(0, r.rc(), r.err());
            argv.add(1, "-A");
            assertEquals(Cli.theirs(argv.toArray(String[]::new)).out(), r.out(), "pstree " + flags);
        }
        assertEquals("sh---2*[sleep]\n", Cli.ours("pstree", pid).out());
    }

    private static PstreeCommand.Node node(int pid, String name, PstreeCommand.Node parent) {
        var n = new PstreeCommand.Node(pid, name, 0, name.startsWith("{"));
        if (parent != null) {
            parent.children.add(n);
        }
        return n;
    }

    @Test
    void pstreeGolden() {
        var root = node(1, "init", null);
        var b = node(11, "sshd", root);
        var a = node(10, "bash", root);
        node(20, "sleep", a);
        node(21, "sleep", a);
        node(22, "vim", a);
        node(30, "sshd", b);
        node(1, "{init}", root);
        // two identical multi-line subtrees merge, the bracket closing on their last line
        for (int i = 0; i < 2; i++) {
            var sh = node(40 + i * 10, "sh", root);
            node(41 + i * 10, "cat", sh);
            node(42 + i * 10, "tail", sh);
        }
        assertEquals(String.join("\n",
                "init-+-bash-+-2*[sleep]",
                "     |      `-vim",
                "     |-2*[sh-+-cat]",
                "     |       `-tail]",
                "     |-sshd---sshd",
                "     `-{init}",
                ""), PstreeCommand.render(root, false, false, true, false, 132));
        assertEquals(String.join("\n",
                "init(1)-+-bash(10)-+-sleep(20)",
                "        |          |-sleep(21)",
                "        |          `-vim(22)",
                "        |-sh(40)-+-cat(41)",
                "        |        `-tail(42)",
                "        |-sh(50)-+-cat(51)",
                "        |        `-tail(52)",
                "        |-sshd(11)---sshd(30)",
                "        `-{init}(1)",
                ""), PstreeCommand.render(root, true, false, false, false, 132));
        // cut at the width with a '+', as psmisc off a terminal
        assertEquals(String.join("\n",
                "init-+-bash-+-2*[+",
                "     |      `-vim",
                "     |-2*[sh-+-ca+",
                "     |       `-ta+",
                "     |-sshd---ssh+",
                "     `-{init}",
                ""), PstreeCommand.render(root, false, false, true, false, 18));
    }

    @Test
    void pstreeArgumentsGolden() {
        var root = node(1, "init", null);
        root.args = PstreeCommand.psmiscArgs(List.of("/sbin/init", "splash"), 132);
        var sh = node(40, "sh", root);
        sh.args = PstreeCommand.psmiscArgs(List.of("sh", "-c", "true"), 132);
        var t = node(41, "true", sh);
        t.args = PstreeCommand.psmiscArgs(List.of("true"), 132);
        var k = node(2, "kthreadd", root);
        k.noCmdline = true;
        k.args = List.of();
        var th1 = node(1, "{init}", root);
        th1.args = List.of();
        var th2 = node(1, "{init}", root);
        th2.args = List.of();
        var longOne = node(50, "sleep", root);
        longOne.args = PstreeCommand.psmiscArgs(List.of("sleep", "1", "x".repeat(40)), 30);
        assertEquals(List.of("1", "x".repeat(22)), longOne.args, "cut command line: no trailing empty argument");
        assertEquals(String.join("\n",
                "init splash",
                "  |-(kthreadd)",
                "  |-sh -c true",
                "  |   `-true",
                "  |-sleep 1...",
                "  `-2*[{init}]",
                ""), PstreeCommand.render(root, false, true, true, false, 30));
    }

    @Test
    void procsmemAgreesWithPsutil() throws Exception {
        Process p = kids.start("sleep", "60");
        var r = Cli.ours("procsmem", "--json");
        assertEquals(0, r.rc(), r.err());
        JsonNode a = new ObjectMapper().readTree(r.out());
        long prev = -1;
        JsonNode mine = null;
        for (JsonNode e : a) {
            assertTrue(e.get("uss").asLong() >= prev, "sorted by USS");
            prev = e.get("uss").asLong();
            if (e.get("pid").asLong() == p.pid()) {
                mine = e;
            }
        }
        assertTrue(mine != null, "our sleep child is listed");
        JsonNode full = PythonPsutil.eval("nt(psutil.Process(" + p.pid() + ").memory_full_info())");
        for (String k : List.of("uss", "pss", "swap", "rss")) {
            assertEquals(full.get(k).asDouble(), mine.get(k).asDouble(), 64 * 1024, k);
        }
        String text = Cli.ours("procsmem").out();
        assertTrue(text.startsWith("PID     User    Cmdline                            USS     PSS    Swap     RSS\n"
                + "=".repeat(78) + "\n"), text);
        assertTrue(text.contains("\n" + String.format("%-7d %-7s %-30s", p.pid(), "root", "sleep 60")), text);
        assertEquals("15.3M", ProcsmemCommand.bytes((long) (15.3 * 1024 * 1024)));
        assertEquals("0B", ProcsmemCommand.bytes(0));
        assertEquals("1.0K", ProcsmemCommand.bytes(1024));
    }

    @Test
    void procinfoJsonIsPsutilsAsDict() throws Exception {
        Process p = kids.start("sleep", "60");
        var r = Cli.ours("procinfo", "--json", Long.toString(p.pid()));
        assertEquals(0, r.rc(), r.err());
        JsonNode ours = new ObjectMapper().readTree(r.out());
        JsonNode theirs = PythonPsutil.eval("psutil.Process(" + p.pid() + ").as_dict(attrs=['name','ppid','cmdline',"
                + "'username','nice','num_threads','status','cpu_affinity','exe','cwd','create_time','num_fds','terminal',"
                + "'uids','gids'])");
        for (var it = theirs.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equals("create_time")) {
                assertEquals(theirs.get(k).asDouble(), ours.get(k).asDouble(), 0.02, k);
            } else if (k.equals("uids") || k.equals("gids")) {
                // psutil 5.9.4 dumps the namedtuple as a list
                for (int i = 0; i < 3; i++) {
                    assertEquals(theirs.get(k).get(i).asLong(), ours.get(k).get(List.of("real", "effective", "saved").get(i)).asLong());
                }
            } else {
                assertEquals(theirs.get(k), ours.get(k), k);
            }
        }
        // every psutil attribute name is there (5.9.4's connections/memory_full_info are newer psutil's
        // net_connections/memory_footprint)
        for (String k : List.of("cpu_times", "memory_info", "memory_maps", "open_files", "threads", "environ", "ionice",
                "io_counters", "num_ctx_switches", "memory_percent", "cpu_num")) {
            assertTrue(ours.has(k), k);
        }
        String text = Cli.ours("procinfo", Long.toString(p.pid())).out();
        assertTrue(text.contains("name              sleep\n"), text);
        assertTrue(text.contains("cmdline           sleep 60\n"), text);
        var gone = Cli.ours("procinfo", Integer.toString(Integer.MAX_VALUE / 2));
        assertEquals(1, gone.rc());
        assertTrue(gone.err().contains(Integer.toString(Integer.MAX_VALUE / 2)), gone.err());
        assertEquals(1, gone.err().split("\n").length);
    }
}
