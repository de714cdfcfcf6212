package io.github.session4j.cli;

import io.github.session4j.SessionManager;
import io.github.session4j.codec.DecodedRecord;
import io.github.session4j.codec.RecordExtensions;
import io.github.session4j.codec.SessionRecord;
import io.github.session4j.codec.UnreadableRecordException;
import io.github.session4j.spi.StoredRecord;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code inspect <session-id>}: one session's record, after its MAC was verified.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Shows one session: key, creation, expiry, principal, size and decoded values.",
            "The record is decoded after verifying the record's MAC (with SECRET_KEY). Values of keys that look secret are masked.",
            "Reads only: the session's expiry is not refreshed."})
final class InspectCommand extends OneSessionCommand {

    @Override
    int run(Output out, SessionManager manager, String key, Optional<StoredRecord> found) {
        out.line("key: " + key);
        if (found.isEmpty()) {
            throw new CliFailure(ExitCodes.PROBLEMS, "No live session has this ID in " + manager.backendName()
                    + " (expired, ended, or never issued by this configuration).");
        }
        StoredRecord stored = found.get();
        DecodedRecord decoded;
        try {
            decoded = new RecordReader(manager).read(key, stored.data());
        } catch (UnreadableRecordException e) {
            throw new CliFailure(ExitCodes.PROBLEMS, "The record is refused (" + e.reason() + "): " + e.getMessage()
                    + ". The application treats it as no session and deletes it on its next load.");
        }
        SessionRecord record = decoded.record();
        RecordExtensions extensions = record.extensions();
        String mac = manager.settings().secretKey().isEmpty() ? "none (SECRET_KEY is unset: records are not signed)"
                : decoded.signedWithFallbackKey() ? "verified with a key of SECRET_KEY_FALLBACKS" : "verified";
        Map<String, Object> values = ValueView.of(record.attributes());
        out.line("created: " + record.createdAt());
        out.line("expires: " + (stored.expiresAt() != null ? stored.expiresAt().toString()
                : "not reported by " + manager.backendName() + " (the store enforces the TTL itself)"));
        out.line("permanent: " + record.permanent());
        out.line("principal: " + extensions.principal().orElse("(nobody signed in)"));
        extensions.signedInAt().ifPresent(at -> out.line("signed in: " + at));
        extensions.idleTimeout().ifPresent(t -> out.line("idle timeout: " + t));
        out.line("size: " + stored.data().length + " bytes");
        out.line("MAC: " + mac);
        out.line("values (" + values.size() + "):");
        values.forEach((k, v) -> out.line("  " + k + " = " + v));
        out.field("createdAt", record.createdAt().toString())
                .field("expiresAt", stored.expiresAt() == null ? null : stored.expiresAt().toString())
                .field("permanent", record.permanent())
                .field("principal", extensions.principal().orElse(null))
                .field("signedInAt", extensions.signedInAt().map(Object::toString).orElse(null))
                .field("size", stored.data().length).field("mac", mac).field("values", values);
        return ExitCodes.OK;
    }
}
