package psutil4j.cli.render;

/** psutil's process status strings and the kernel's one-letter states that ps and top print. */
public final class States {

    private States() {
    }

    /** "sleeping" -> 'S', "disk-sleep" -> 'D', ...; '?' for null or an unknown status. */
    public static char letter(String status) {
        if (status == null) {
            return '?';
        }
        return switch (status) {
            case "running" -> 'R';
            case "sleeping" -> 'S';
            case "disk-sleep" -> 'D';
            case "stopped" -> 'T';
            case "tracing-stop" -> 't';
            case "zombie" -> 'Z';
            case "dead" -> 'X';
            case "wake-kill" -> 'K';
            case "waking" -> 'W';
            case "parked" -> 'P';
            case "idle" -> 'I';
            default -> '?';
        };
    }
}
