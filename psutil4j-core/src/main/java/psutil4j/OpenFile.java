package psutil4j;

/**
 * A regular file a process has open, psutil's Linux {@code popenfile}.
 *
 * @param path the file's absolute path
 * @param fd the file descriptor
 * @param position the file offset
 * @param mode 'r', 'w', 'a', 'r+' or 'a+', from the open flags
 * @param flags the open(2) flags
 */
public record OpenFile(String path, int fd, long position, String mode, int flags) {
}
