/**
 * psutil4j: psutil's system and process API for the JVM, on Linux.
 *
 * <p>Only {@code psutil4j} is exported; parsers, kernel-file readers and the
 * {@code java.lang.foreign} bindings stay internal.
 */
module psutil4j {
    exports psutil4j;
}
