package psutil4j.cli;

import picocli.CommandLine.Option;

/** The {@code --json} flag every tool takes: psutil's field names instead of the tool's table. */
final class JsonOption {

    @Option(names = "--json", description = "Print JSON with psutil's field names.")
    boolean json;

    @Option(names = "--pretty", description = "Indent the JSON.", hidden = true)
    boolean pretty;
}
