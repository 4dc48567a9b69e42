package psutil4j.agent.history;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.rrd4j.core.ByteBufferBackend;
import org.rrd4j.core.RrdBackend;
import org.rrd4j.core.RrdBackendAnnotation;
import org.rrd4j.core.RrdFileBackend;
import org.rrd4j.core.RrdFileBackendFactory;

/**
 * rrd4j files memory-mapped through a {@link java.lang.foreign.Arena}: as rrd4j's own NIO backend
 * (an update is a few stores into the page cache, no system call), but unmapped by closing the
 * arena instead of through {@code sun.misc.Unsafe::invokeCleaner}, which JDK 25 warns about on
 * stderr. A process killed at any moment leaves what it stored in the page cache, which the kernel
 * writes back; {@link MappedBackend#close()} forces it to disk.
 */
@RrdBackendAnnotation(name = "PSUTIL4J_MAPPED", shouldValidateHeader = true)
final class MappedBackendFactory extends RrdFileBackendFactory {

    @Override
    protected RrdBackend open(String path, boolean readOnly) throws IOException {
        return new MappedBackend(path, readOnly);
    }

    /** One mapped file. */
    static final class MappedBackend extends ByteBufferBackend implements RrdFileBackend {

        private static final ValueLayout.OfDouble BIG_ENDIAN_DOUBLE =
                ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

        private final FileChannel channel;
        private final boolean readOnly;
        private Arena arena;
        private MemorySegment segment;

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
                arena = Arena.ofShared();
                segment = channel.map(readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE, 0,
                        length, arena);
                setByteBuffer(segment.asByteBuffer());
            }
        }

        private void unmap() {
            if (arena != null) {
                if (!readOnly) {
                    segment.force();
                }
                setByteBuffer(ByteBuffer.allocate(0));
                arena.close();
                arena = null;
                segment = null;
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
            if (segment == null || offset < 0 || offset + 8L * count > segment.byteSize()) {
                throw new IOException("write outside " + getPath() + ": " + count + " doubles at " + offset);
            }
            for (int i = 0; i < count; i++) {
                segment.set(BIG_ENDIAN_DOUBLE, offset + 8L * i, value);
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
