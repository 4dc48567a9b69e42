package psutil4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import psutil4j.Addr;
import psutil4j.ConnectionStatus;
import psutil4j.ProcessConnection;
import psutil4j.PsProcess;
import psutil4j.Psutil;
import psutil4j.testing.PythonPsutil;

/** Process.net_connections and the process's cgroup, wired to the network and cgroup readers. */
class ProcessConnectionsTest {

    @Test
    void ownListeningSocketAppearsWithItsFd() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            PsProcess self = PsProcess.current();
            List<ProcessConnection> conns = self.netConnections("tcp");
            ProcessConnection mine = conns.stream()
                    .filter(c -> c.laddr().orElse(null) instanceof Addr.Inet in && in.port() == port)
                    .findFirst().orElseThrow(() -> new AssertionError("port " + port + " not in " + conns));
            assertEquals(ConnectionStatus.LISTEN, mine.status());
            assertTrue(mine.fd() >= 0);
            assertTrue(mine.raddr().isEmpty());
            // the same socket seen system-wide carries our pid
            assertTrue(Psutil.netConnections("tcp").stream().anyMatch(c -> c.pid().orElse(-1) == self.pid()
                    && c.laddr().orElse(null) instanceof Addr.Inet in && in.port() == port));
            // udp only: not there
            assertTrue(self.netConnections("udp").stream()
                    .noneMatch(c -> c.laddr().orElse(null) instanceof Addr.Inet in && in.port() == port));
            // psutil sees the same fds and ports for this pid
            JsonNode theirs = PythonPsutil.eval("nt(psutil.Process(" + self.pid() + ").connections('tcp'))");
            Set<String> a = new HashSet<>();
            theirs.forEach(c -> a.add(c.get("fd").asInt() + " " + c.get("laddr").get("port").asInt() + " " + c.get("status").asText()));
            Set<String> b = new HashSet<>();
            self.netConnections("tcp").forEach(c -> b.add(c.fd() + " "
                    + ((Addr.Inet) c.laddr().orElseThrow()).port() + " " + c.status()));
            assertEquals(a, b);
        }
    }

    /**
     * pid 1 (and any process whose fd links root may not read, as in some sandboxes): psutil
     * raises AccessDenied when a link can't be read, and so do we; else both list the same.
     */
    @Test
    void pid1AgreesWithPsutilIncludingAccessDenied() {
        JsonNode theirs = PythonPsutil.exec(String.join("\n",
                "try:",
                "    print(json.dumps({'ok': sorted(c.laddr[1] for c in psutil.Process(1).connections('all') if c.laddr and not isinstance(c.laddr, str))}))",
                "except psutil.AccessDenied:",
                "    print(json.dumps({'denied': True}))"));
        PsProcess one = PsProcess.of(1);
        if (theirs.has("denied")) {
            assertThrows(psutil4j.AccessDeniedException.class, () -> one.netConnections("all"));
        } else {
            var ours = new java.util.ArrayList<Integer>();
            for (var c : one.netConnections("all")) {
                if (c.laddr().orElse(null) instanceof Addr.Inet in) {
                    ours.add(in.port());
                }
            }
            java.util.Collections.sort(ours);
            var ports = new java.util.ArrayList<Integer>();
            theirs.get("ok").forEach(n -> ports.add(n.asInt()));
            assertEquals(ports, ours);
        }
    }

    @Test
    void badKindIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PsProcess.current().netConnections("tcp7"));
    }

    @Test
    void netConnectionsIsAnAsDictAttribute() {
        var d = PsProcess.current().asDict(List.of("net_connections"), null);
        assertTrue(d.get("net_connections") instanceof List<?>, String.valueOf(d));
    }

    @Test
    void cgroupOfTheProcessIsTheSystemViewForItsPid() {
        PsProcess self = PsProcess.current();
        assertEquals(Psutil.cgroup().version(), self.cgroup().version());
        assertEquals(Psutil.cgroup().v1Paths(), self.cgroup().v1Paths());
        assertEquals(Psutil.cgroup().unifiedPath(), self.cgroup().unifiedPath());
    }
}
