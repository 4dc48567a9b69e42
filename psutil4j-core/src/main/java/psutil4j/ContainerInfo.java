package psutil4j;

import java.util.Optional;

/**
 * Whether this system (as seen through the configured /proc root) runs inside a container,
 * from {@link Psutil#container()}.
 *
 * @param inContainer true when some container signal was found
 * @param runtime     the container runtime or orchestrator, when known: {@code "kubernetes"},
 *                    {@code "docker"}, {@code "podman"}, {@code "lxc"}, {@code "systemd-nspawn"},
 *                    {@code "containerd"}, {@code "cri-o"}, {@code "wsl"}, or the value of a
 *                    {@code container=} variable of pid 1 as given (e.g. {@code "oci"})
 */
public record ContainerInfo(boolean inContainer, Optional<String> runtime) {

    /** Not in a container. */
    public static final ContainerInfo NONE = new ContainerInfo(false, Optional.empty());
}
