package psutil4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hyperfine baseline for whole commands: a JVM started the way ./psutil4j starts the CLI,
 * doing next to nothing (print MemTotal from /proc/meminfo). Its time is JVM start-up; the gap
 * between it and {@code ./psutil4j free} is what the CLI adds.
 */
public final class TrivialMain {

    private TrivialMain() {
    }

    public static void main(String[] args) throws IOException {
        try (var lines = Files.lines(Path.of("/proc/meminfo"))) {
            System.out.println(lines.findFirst().orElse(""));
        }
    }
}
