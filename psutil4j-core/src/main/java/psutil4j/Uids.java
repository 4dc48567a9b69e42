package psutil4j;

/**
 * A process's user ids, psutil's {@code puids}.
 *
 * @param real the real user id (who started the process; used by username)
 * @param effective the effective user id (used for permission checks)
 * @param saved the saved set-user-id
 */
public record Uids(long real, long effective, long saved) {
}
