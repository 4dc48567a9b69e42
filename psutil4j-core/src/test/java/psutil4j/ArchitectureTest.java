package psutil4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Keeps the layout the project promises: FFM in one package, only the API exported. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java");

    /** In the whole project: the CLI, the agent and the benchmarks go through the core too. */
    @Test
    void foreignFunctionApiIsUsedOnlyInTheFfiPackage() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path main : List.of(MAIN, Path.of("../psutil4j-cli/src/main/java"), Path.of("../psutil4j-agent/src/main/java"),
                Path.of("../psutil4j-bench/src/main/java"))) {
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String src = Files.readString(f);
                    boolean inFfi = main == MAIN && MAIN.relativize(f).startsWith(Path.of("psutil4j/internal/ffi"));
                    if (!inFfi && src.contains("java.lang.foreign.")) {
                        offenders.add(f.toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "java.lang.foreign outside psutil4j.internal.ffi");
    }

    @Test
    void moduleExportsOnlyTheApiPackage() throws IOException {
        Path classes = Path.of("target/classes/module-info.class");
        assertTrue(Files.exists(classes), "module-info compiled");
        try (var in = Files.newInputStream(classes)) {
            ModuleDescriptor d = ModuleDescriptor.read(in);
            assertEquals("psutil4j", d.name());
            Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("psutil4j"), exported);
            assertTrue(d.requires().stream().allMatch(r -> r.name().startsWith("java.")),
                    "no runtime dependencies outside the JDK: " + d.requires());
        }
    }

    @Test
    void libraryCodeNeverForksOrPrints() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                if (src.contains("ProcessBuilder") || src.contains("Runtime.getRuntime().exec(")
                        || src.contains("System.out.") || src.contains("System.err.")
                        || src.contains(".printStackTrace(")) {
                    offenders.add(f.toString());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void exceptionsMirrorPsutilsHierarchy() {
        PsutilException z = new ZombieProcessException(42, "sh", 1, null);
        assertTrue(z instanceof NoSuchProcessException);
        assertTrue(z.getMessage().contains("pid=42") && z.getMessage().contains("name='sh'"), z.getMessage());
        assertTrue(z.getMessage().contains("ppid=1"), z.getMessage());
        String kind = switch (z) {
            case ZombieProcessException e -> "zombie";
            case NoSuchProcessException e -> "gone";
            case AccessDeniedException e -> "denied";
            case TimeoutExpiredException e -> "timeout";
            default -> "other";
        };
        assertEquals("zombie", kind);
        var ad = new AccessDeniedException(7, null, "environ");
        assertEquals("access denied (pid=7): environ", ad.getMessage());
        assertTrue(new NoSuchProcessException(9, "x", null) instanceof RuntimeException);
    }
}
