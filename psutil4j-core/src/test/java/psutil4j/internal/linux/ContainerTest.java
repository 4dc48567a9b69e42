package psutil4j.internal.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import psutil4j.ContainerInfo;
import psutil4j.Psutil;

// Isolated: fixture tests repoint the global Roots, which would confuse tests running alongside.
@org.junit.jupiter.api.parallel.Isolated
class ContainerTest {

    @ParameterizedTest
    @CsvSource({
        "container-docker, docker",
        "container-podman, podman",
        // KUBERNETES_SERVICE_HOST wins over /.dockerenv: the orchestrator is the more useful answer.
        "container-k8s, kubernetes",
        "container-k8s-cgroup, kubernetes",
        "container-lxc, lxc",
        "container-nspawn, systemd-nspawn",
        "container-systemd-file, oci",
        "container-docker-cgroup, docker",
        "container-crio, cri-o",
        "container-containerd, containerd",
        "container-wsl, wsl",
    })
    void detectsRuntime(String fixture, String runtime) {
        ContainerInfo c = MiscFixtures.with(fixture, Psutil::container);
        assertEquals(new ContainerInfo(true, Optional.of(runtime)), c);
    }

    @Test
    void plainHost() {
        assertEquals(ContainerInfo.NONE, MiscFixtures.with("container-host", Psutil::container));
    }

    @Test
    void cgroupPatternsDoNotMatchHostServices() {
        assertEquals(null, LinuxContainer.runtimeFromCgroup("0::/system.slice/docker.service\n"));
        assertEquals(null, LinuxContainer.runtimeFromCgroup("0::/system.slice/containerd.service\n"));
        assertEquals("docker", LinuxContainer.runtimeFromCgroup("0::/system.slice/docker-0123.scope\n"));
        assertEquals("lxc", LinuxContainer.runtimeFromCgroup("0::/lxc.payload.c1/init.scope\n"));
    }

    @Test
    void environParsing() {
        assertEquals("lxc", LinuxContainer.envValue("A=1\0container=lxc\0", "container"));
        assertEquals(null, LinuxContainer.envValue("A=1\0container_uuid=x\0", "container"));
        assertEquals(null, LinuxContainer.envValue(null, "container"));
    }

    /** Whatever the live answer is, it must follow from a signal we can see ourselves. */
    @Test
    void liveIsExplainable() throws IOException {
        ContainerInfo c = Psutil.container();
        boolean k8s = System.getenv("KUBERNETES_SERVICE_HOST") != null;
        boolean podman = Files.exists(Path.of("/run/.containerenv"));
        boolean docker = Files.exists(Path.of("/.dockerenv"));
        if (k8s) {
            assertEquals(Optional.of("kubernetes"), c.runtime());
        }
        if (k8s || podman || docker) {
            assertTrue(c.inContainer(), c.toString());
        }
        if (!c.inContainer()) {
            assertEquals(Optional.empty(), c.runtime());
        } else if (c.runtime().equals(Optional.of("docker")) && !docker) {
            // Then a docker cgroup path must be visible.
            String cg = Files.readString(Path.of("/proc/self/cgroup"));
            assertTrue(cg.contains("docker"), cg);
        }
    }
}
