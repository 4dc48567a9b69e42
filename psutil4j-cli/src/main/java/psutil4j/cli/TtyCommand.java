package psutil4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import psutil4j.Psutil;
import psutil4j.cli.render.Json;

/**
 * {@code ./psutil4j tty}: coreutils tty: the terminal on standard input
 * ({@code Psutil.ttyname(0)}: /dev/pts/N, /dev/ttyX, /dev/console), else "not a tty" and exit 1.
 * {@code -s}: print nothing, only the exit status.
 */
@Command(name = "tty", mixinStandardHelpOptions = true,
        description = "Print the file name of the terminal connected to standard input (coreutils tty).")
final class TtyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption jsonOption;

    @Option(names = {"-s", "--silent", "--quiet"}, description = "Print nothing, only return an exit status.")
    boolean silent;

    @Override
    public Integer call() {
        String t = Psutil.ttyname(0).orElse(null);
        PrintWriter out = spec.commandLine().getOut();
        if (jsonOption.json) {
            var m = new LinkedHashMap<String, Object>();
            m.put("terminal", t);
            out.println(Json.write(m, jsonOption.pretty));
        } else if (!silent) {
            out.println(t == null ? "not a tty" : t);
        }
        out.flush();
        return t == null ? 1 : 0;
    }
}
