package psutil4j.internal.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import psutil4j.ContainerInfo;
import psutil4j.internal.linux.sys.SysFiles;

/**
 * Container detection from files, in this order (the first signal wins):
 * <ol>
 * <li>Kubernetes: {@code KUBERNETES_SERVICE_HOST} in {@code /proc/self/environ} (set in every
 *     pod's containers), or a {@code kubepods} cgroup path of pid 1 or of this process.</li>
 * <li>{@code container=} in {@code /proc/1/environ}: set by LXC ({@code lxc}), systemd-nspawn,
 *     podman and other OCI runtimes for the init process; readable only with the right to
 *     inspect pid 1 (often denied, even to root in a restricted sandbox).</li>
 * <li>{@code /run/.containerenv}: podman (and buildah).</li>
 * <li>{@code /.dockerenv}: docker (and runtimes imitating it).</li>
 * <li>{@code /run/systemd/container}: written by systemd when it runs inside a container.</li>
 * <li>cgroup paths of pid 1 or of this process: {@code /docker/}, {@code docker-*.scope},
 *     {@code /lxc/} or {@code lxc.payload}, {@code crio-}, {@code cri-containerd-},
 *     {@code libpod}.</li>
 * <li>WSL: "microsoft" or "WSL" in {@code /proc/sys/kernel/osrelease} (systemd-detect-virt
 *     calls WSL a container too).</li>
 * </ol>
 * /proc files are read under {@link Roots#proc()}; the root-level marker files under its
 * parent directory (/ for /proc, /host for /host/proc).
 */
public final class LinuxContainer {

    private LinuxContainer() {
    }

    public static ContainerInfo detect() {
        Path proc = Roots.proc();
        Path rootfs = proc.toAbsolutePath().getParent();
        if (rootfs == null) {
            rootfs = Path.of("/");
        }
        String selfEnv = SysFiles.read(proc.resolve("self/environ"));
        String initEnv = SysFiles.read(proc.resolve("1/environ"));
        String initCgroup = SysFiles.read(proc.resolve("1/cgroup"));
        String selfCgroup = SysFiles.read(proc.resolve("self/cgroup"));
        String cgroups = (initCgroup == null ? "" : initCgroup) + "\n" + (selfCgroup == null ? "" : selfCgroup);

        if (envValue(selfEnv, "KUBERNETES_SERVICE_HOST") != null || cgroups.contains("kubepods")) {
            return found("kubernetes");
        }
        String container = envValue(initEnv, "container");
        if (container != null && !container.isEmpty()) {
            return found(container);
        }
        if (Files.exists(rootfs.resolve("run/.containerenv"))) {
            return found("podman");
        }
        if (Files.exists(rootfs.resolve(".dockerenv"))) {
            return found("docker");
        }
        String systemd = SysFiles.readTrimmed(rootfs.resolve("run/systemd/container"));
        if (systemd != null && !systemd.isEmpty()) {
            return found(systemd);
        }
        String fromCgroup = runtimeFromCgroup(cgroups);
        if (fromCgroup != null) {
            return found(fromCgroup);
        }
        String osrelease = SysFiles.read(proc.resolve("sys/kernel/osrelease"));
        if (osrelease != null && (osrelease.toLowerCase(Locale.ROOT).contains("microsoft") || osrelease.contains("WSL"))) {
            return found("wsl");
        }
        return ContainerInfo.NONE;
    }

    /** The runtime named by cgroup paths (the text of /proc/pid/cgroup files), or null. */
    static String runtimeFromCgroup(String cgroups) {
        if (cgroups.contains("/docker/") || (cgroups.contains("docker-") && cgroups.contains(".scope"))) {
            return "docker";
        }
        if (cgroups.contains("libpod")) {
            return "podman";
        }
        if (cgroups.contains("crio-")) {
            return "cri-o";
        }
        if (cgroups.contains("cri-containerd")) {
            return "containerd";
        }
        if (cgroups.contains("/lxc/") || cgroups.contains("lxc.payload")) {
            return "lxc";
        }
        return null;
    }

    /** The value of {@code name} in NUL-separated environ content, or null. */
    static String envValue(String environ, String name) {
        if (environ == null) {
            return null;
        }
        String prefix = name + "=";
        for (String kv : environ.split("\0")) {
            if (kv.startsWith(prefix)) {
                return kv.substring(prefix.length());
            }
        }
        return null;
    }

    private static ContainerInfo found(String runtime) {
        return new ContainerInfo(true, Optional.of(runtime));
    }
}
