package psutil4j.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The build's docs step (exec-maven-plugin, package phase): {@code GenerateDocs DIR} writes
 * DIR/completion/psutil4j.bash and DIR/man/man1/*.1 from the live command model. A plain main
 * without System.exit, as it runs inside Maven's JVM.
 */
public final class GenerateDocs {

    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GenerateDocs DIR");
        }
        DocsCommands.writeAll(Main.commandLine(), Path.of(args[0]));
    }
}
