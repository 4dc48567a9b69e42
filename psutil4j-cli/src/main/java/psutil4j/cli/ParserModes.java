package psutil4j.cli;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Parser settings for tools whose arguments look like options: {@code kill -9}, {@code renice -5},
 * {@code nice -n 5 ls -l}. Each tool then rejects the dash words it does not know, so an unknown
 * flag is still a usage error (exit 2).
 */
final class ParserModes {

    private ParserModes() {
    }

    /** "-9", "-TERM", "-5" reach the positional parameters instead of failing as unknown options. */
    static final class DashWordsArePositional implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.parser().unmatchedOptionsArePositionalParams(true);
            return spec;
        }
    }

    /**
     * For tools that run a command: options end at the first positional (the command), whose own
     * flags pass through untouched; "-5" (nice's old form) is positional too.
     */
    static final class CommandFollows implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.parser().unmatchedOptionsArePositionalParams(true);
            spec.parser().stopAtPositional(true);
            return spec;
        }
    }
}
