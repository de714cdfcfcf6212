package io.github.session4j.cli;

import io.github.session4j.CoreSettings;
import io.github.session4j.SessionManager;

/**
 * A session ID given on the command line (the cookie's value): checked for its format, then
 * turned into its store key. The ID itself is never printed.
 */
final class SessionIdArgument {

    private SessionIdArgument() {
    }

    /**
     * The store key of {@code id}.
     *
     * @throws CliFailure with {@link ExitCodes#PROBLEMS} when the ID cannot be one of this configuration's
     */
    static String storeKey(SessionManager manager, String id) {
        CoreSettings settings = manager.settings();
        if (!settings.flaskRecords() && !wellFormed(id, settings.idLength())) {
            throw new CliFailure(ExitCodes.PROBLEMS, "That is not a session ID of this configuration: an ID is "
                    + ((settings.idLength() * 4 + 2) / 3) + " base64url characters (SESSION_ID_LENGTH="
                    + settings.idLength() + "). Pass the value of the " + settings.cookieName() + " cookie.");
        }
        return manager.storeKey(id);
    }

    private static boolean wellFormed(String id, int byteLength) {
        if (id.length() != (byteLength * 4 + 2) / 3) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
