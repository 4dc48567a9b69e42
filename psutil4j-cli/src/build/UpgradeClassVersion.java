import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeModel;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

/**
 * Build step (run by exec-maven-plugin as a source-file program, no compilation):
 * {@code java UpgradeClassVersion.java JAR} rewrites JAR's classes older than Java 6 (class file
 * version < 50) as Java 8 classes (version 52) with generated stack maps, in place.
 *
 * <p>Why: picocli is compiled for Java 5, and the JDK's AOT cache cannot hold such "old" classes
 * once linked ("Skipping ...: Old class has been linked"), so every start would load, verify (with
 * the slow old verifier) and link picocli again. Each rewritten class is checked with the ClassFile
 * API's verifier; if any fails, the jar is left untouched.
 */
public class UpgradeClassVersion {

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        int upgraded = 0;
        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             var in = new JarInputStream(Files.newInputStream(jar));
             var out = in.getManifest() == null ? new JarOutputStream(Files.newOutputStream(tmp))
                     : new JarOutputStream(Files.newOutputStream(tmp), in.getManifest())) {
            var cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            JarEntry e;
            while ((e = in.getNextJarEntry()) != null) {
                byte[] b = in.readAllBytes();
                String name = e.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                    var cm = cf.parse(b);
                    if (cm.majorVersion() < ClassFile.JAVA_6_VERSION) {
                        ClassTransform version = (cb, el) -> {
                            if (el instanceof ClassFileVersion) {
                                cb.withVersion(ClassFile.JAVA_8_VERSION, 0);
                            } else {
                                cb.with(el);
                            }
                        };
                        // rebuilding each method body makes the ClassFile API compute its stack map frames
                        b = cf.transformClass(cm, version.andThen(ClassTransform.transformingMethods((mb, me) -> {
                            if (me instanceof CodeModel code) {
                                mb.withCode(cob -> code.forEach(cob::with));
                            } else {
                                mb.with(me);
                            }
                        })));
                        var errors = cf.verify(b);
                        if (!errors.isEmpty()) {
                            System.err.println("UpgradeClassVersion: " + name + " does not verify, keeping " + jar + ": " + errors.get(0));
                            Files.deleteIfExists(tmp);
                            return;
                        }
                        upgraded++;
                    }
                }
                var ne = new JarEntry(name);
                ne.setTime(e.getTime());
                out.putNextEntry(ne);
                out.write(b);
                out.closeEntry();
            }
        } catch (RuntimeException ex) {
            System.err.println("UpgradeClassVersion: keeping " + jar + ": " + ex);
            Files.deleteIfExists(tmp);
            return;
        }
        if (upgraded == 0) {
            Files.deleteIfExists(tmp);
            return;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
