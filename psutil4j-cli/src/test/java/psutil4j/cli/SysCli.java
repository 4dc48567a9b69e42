package psutil4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one psutil4j tool in-process and captures its exit code, stdout and stderr. */
final class SysCli {

    record Result(int rc, String out, String err) {
    }

    private SysCli() {
    }

    static Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Result(rc, out.toString(), err.toString());
    }
}
