package psutil4j.agent.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.rrd4j.core.ByteBufferBackend;
import org.rrd4j.core.RrdBackend;
import org.rrd4j.core.RrdBackendAnnotation;
import org.rrd4j.core.RrdFileBackend;
import org.rrd4j.core.RrdFileBackendFactory;

/**
 * rrd4j files memory-mapped with {@link FileChannel#map}: as rrd4j's own NIO backend (an update is
 * a few stores into the page cache, no system call), but never unmapped through
 * {@code sun.misc.Unsafe::invokeCleaner}, which JDK 25 warns about on stderr: a closed file's
 * mapping goes when the garbage collector drops its buffer (the agent maps each file once, at
 * start or creation). A process killed at any moment leaves what it stored in the page cache,
 * which the kernel writes back; {@link MappedBackend#close()} forces it to disk.
 */
@RrdBackendAnnotation(name = "PSUTIL4J_MAPPED", shouldValidateHeader = true)
final class MappedBackendFactory extends RrdFileBackendFactory {

    @Override
    protected RrdBackend open(String path, boolean readOnly) throws IOException {
        return new MappedBackend(path, readOnly);
    }

    /** One mapped file. */
    static final class MappedBackend extends ByteBufferBackend implements RrdFileBackend {

        private final FileChannel channel;
        private final boolean readOnly;
        private MappedByteBuffer buffer;

        MappedBackend(String path, boolean readOnly) throws IOException {
            super(path);
            this.readOnly = readOnly;
            this.channel = readOnly ? FileChannel.open(Path.of(path), StandardOpenOption.READ)
                    : FileChannel.open(Path.of(path), StandardOpenOption.READ, StandardOpenOption.WRITE,
                            StandardOpenOption.CREATE);
            try {
                map(channel.size());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        private void map(long length) throws IOException {
            if (length > 0) {
                buffer = channel.map(readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE, 0,
                        length);
                setByteBuffer(buffer);
            }
        }

        private void unmap() {
            if (buffer != null) {
                if (!readOnly) {
                    buffer.force();
                }
                setByteBuffer(ByteBuffer.allocate(0));
                buffer = null; // unmapped once collected
            }
        }

        /** For creating a file: the store makes it of the right size first, so this only maps it again. */
        @Override
        protected synchronized void setLength(long length) throws IOException {
            if (readOnly) {
                throw new IOException("read-only: " + getPath());
            }
            unmap();
            if (length < channel.size()) {
                channel.truncate(length);
            } else if (length > channel.size()) {
                channel.write(ByteBuffer.allocate(1), length - 1);
            }
            map(length);
        }

        /**
         * Fills {@code count} doubles in place: rrd4j's version allocates a {@code double[count]},
         * megabytes of heap for each archive of a new file, which the heap then keeps.
         */
        @Override
        protected synchronized void writeDouble(long offset, double value, int count) throws IOException {
            if (buffer == null || offset < 0 || offset + 8L * count > buffer.capacity()) {
                throw new IOException("write outside " + getPath() + ": " + count + " doubles at " + offset);
            }
            for (int i = 0; i < count; i++) {
                buffer.putDouble((int) (offset + 8L * i), value); // big-endian, rrd4j's order
            }
        }

        @Override
        public synchronized long getLength() throws IOException {
            return channel.size();
        }

        @Override
        protected synchronized void close() throws IOException {
            try {
                unmap();
                super.close();
            } finally {
                channel.close();
            }
        }

        @Override
        public String getCanonicalPath() {
            return Path.of(getPath()).toAbsolutePath().normalize().toString();
        }
    }
}
