package psutil4j.internal.linux;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages build the fake procfs of {@link NetParserTest}. */
public final class NetParserTestAccess {

    private NetParserTestAccess() {
    }

    public static Path fakeProc(Path tmp) throws IOException {
        return NetParserTest.fakeProc(tmp);
    }
}
