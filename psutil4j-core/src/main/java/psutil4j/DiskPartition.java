package psutil4j;

import java.util.Objects;

/**
 * A mounted file system, as psutil's {@code sdiskpart}.
 *
 * <p>psutil 5.7.4 to 5.9.x also had {@code maxfile} and {@code maxpath}; psutil 6.0 removed
 * them, and so does psutil4j.
 *
 * @param device     the device path (e.g. {@code /dev/sda1}), or {@code ""} when the mount
 *                   table says {@code none}; {@code /dev/root} and {@code rootfs} are resolved
 *                   to the real device when it can be found
 * @param mountpoint the mount point, with the mount table's octal escapes decoded
 *                   ({@code \040} is a space)
 * @param fstype     the file system type (e.g. {@code ext4})
 * @param opts       the mount options, comma-separated, as the kernel lists them
 */
public record DiskPartition(String device, String mountpoint, String fstype, String opts) {

    public DiskPartition {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(mountpoint, "mountpoint");
        Objects.requireNonNull(fstype, "fstype");
        Objects.requireNonNull(opts, "opts");
    }
}
