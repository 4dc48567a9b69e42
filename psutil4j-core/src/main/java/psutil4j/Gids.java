package psutil4j;

/**
 * A process's group ids, psutil's {@code pgids}.
 *
 * @param real the real group id
 * @param effective the effective group id
 * @param saved the saved set-group-id
 */
public record Gids(long real, long effective, long saved) {
}
