package psutil4j.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Candidate plain-Java floors for the "five" files (stat, meminfo, vmstat, diskstats, net/dev):
 * open, read until EOF into a reused buffer, close, parse nothing. The fastest open/read/close
 * variant becomes {@link FileReaders#floor} for the rest of the run (see run-benchmarks.sh). {@code readAllBytes} (allocating) and
 * {@code preadKeptOpen} (no open/close) are references, not floors.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class FloorVariantsBench {

    private final FileReaders r = new FileReaders();
    private final String[] names = SystemFiles.FIVE.toArray(String[]::new);
    private final Path[] paths = SystemFiles.FIVE.stream().map(Path::of).toArray(Path[]::new);
    private FileChannel[] open;

    @Setup
    public void openChannels() throws IOException {
        List<FileChannel> l = new java.util.ArrayList<>();
        for (Path p : paths) {
            l.add(FileChannel.open(p, StandardOpenOption.READ));
        }
        open = l.toArray(FileChannel[]::new);
    }

    @TearDown
    public void closeChannels() throws IOException {
        for (FileChannel c : open) {
            c.close();
        }
    }

    @Benchmark
    public int randomAccessFile() throws IOException {
        int t = 0;
        for (String p : names) {
            t += r.randomAccessFile(p);
        }
        return t;
    }

    @Benchmark
    public int randomAccessFileBigRead() throws IOException {
        int t = 0;
        for (String p : names) {
            t += r.randomAccessFileBigRead(p);
        }
        return t;
    }

    @Benchmark
    public int fileInputStream() throws IOException {
        int t = 0;
        for (String p : names) {
            t += r.fileInputStream(p);
        }
        return t;
    }

    @Benchmark
    public int fileChannelDirect() throws IOException {
        int t = 0;
        for (Path p : paths) {
            t += r.fileChannelDirect(p);
        }
        return t;
    }

    @Benchmark
    public int readAllBytes() throws IOException {
        int t = 0;
        for (Path p : paths) {
            t += FileReaders.readAllBytes(p);
        }
        return t;
    }

    @Benchmark
    public int preadKeptOpen() throws IOException {
        int t = 0;
        for (FileChannel c : open) {
            t += r.pread(c);
        }
        return t;
    }
}
