package psutil4j;

/**
 * What stat(2) says about a file, beyond psutil: the columns lsof prints (TYPE, DEVICE, SIZE,
 * NODE). From {@link Psutil#fileStat(String)}, {@link PsProcess#linkStat(ProcessLink)} and
 * {@link ProcessFd#stat()}.
 *
 * @param type      the file type of {@code mode}
 * @param mode      {@code st_mode}: type and permission bits
 * @param devMajor  major number of the device the file lives on ({@code st_dev})
 * @param devMinor  its minor number
 * @param rdevMajor for a device file, the major number of the device it stands for
 *                  ({@code st_rdev}; 0 otherwise)
 * @param rdevMinor its minor number
 * @param inode     the inode number (unsigned)
 * @param size      the size in bytes (0 for devices and pipes)
 */
public record FileStat(FileType type, int mode, long devMajor, long devMinor, long rdevMajor,
                       long rdevMinor, long inode, long size) {

    /** True for a character or block device, whose device number is {@code rdev}. */
    public boolean isDevice() {
        return type == FileType.CHR || type == FileType.BLK;
    }

    /**
     * lsof's DEVICE column: "major,minor" of {@code rdev} for a device file, of {@code dev}
     * otherwise ("8,1", "136,3").
     */
    public String lsofDevice() {
        return isDevice() ? rdevMajor + "," + rdevMinor : devMajor + "," + devMinor;
    }
}
