package psutil4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs real psutil (Debian's python3-psutil, 5.9.4, with /usr/bin/python3) and returns what it
 * printed as JSON, for conformance tests. A missing psutil fails the test rather than skipping
 * it: .ci/run installs python3-psutil, so CI always compares.
 *
 * <p>namedtuples become JSON objects via {@code _asdict()} in the helper {@code nt()} available
 * to the script, e.g. {@code PythonPsutil.eval("nt(psutil.virtual_memory())")}.
 */
public final class PythonPsutil {

    public static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String PRELUDE = String.join("\n",
            "import json, psutil, socket, enum",
            "def nt(x):",
            "    if hasattr(x, '_asdict'):",
            "        return {k: nt(v) for k, v in x._asdict().items()}",
            "    if isinstance(x, dict):",
            "        return {str(k): nt(v) for k, v in x.items()}",
            "    if isinstance(x, (list, tuple)):",
            "        return [nt(v) for v in x]",
            "    if isinstance(x, enum.Enum):",
            "        return x.name if not isinstance(x, int) else int(x)",
            "    return x",
            "");

    private PythonPsutil() {
    }

    /** Evaluates a Python expression (psutil imported, {@code nt} defined) and parses its JSON. */
    public static JsonNode eval(String expr) {
        return exec("print(json.dumps(" + expr + "))");
    }

    /** Runs Python statements that print exactly one JSON document. */
    public static JsonNode exec(String statements) {
        String out = Cmd.run(PYTHON, "-c", PRELUDE + statements);
        try {
            return MAPPER.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("psutil printed no JSON: " + out, e);
        }
    }

    /** psutil's version string, proving the conformance tests really ran against it. */
    public static String version() {
        return eval("psutil.__version__").asText();
    }
}
