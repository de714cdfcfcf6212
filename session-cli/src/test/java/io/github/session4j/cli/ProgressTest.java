package io.github.session4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress bar's text (a terminal is not available to the tests that run the jar). */
class ProgressTest {

    @Test
    void aKnownTotalDrawsABarWithThePercentage() {
        assertThat(Progress.render(370, 1000, "sessions copied"))
                .isEqualTo("[###########-------------------]  37% 370/1000 sessions copied");
        assertThat(Progress.render(1000, 1000, "x")).isEqualTo("[##############################] 100% 1000/1000 x");
    }

    @Test
    void anUnknownTotalShowsTheCount() {
        assertThat(Progress.render(42, -1, "expired records deleted")).isEqualTo("[~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~] 42 expired records deleted");
    }

    @Test
    void offATerminalNothingIsDrawn() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err), false, "copied", 10);
        progress.update(5);
        progress.done(10);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void onATerminalTheLineIsRedrawnAndEndsWithTheTotal() {
        StringWriter err = new StringWriter();
        Progress progress = new Progress(new PrintWriter(err), true, "copied", 10);
        progress.update(5);
        progress.done(12);
        assertThat(err.toString()).isEqualTo("\r[###############---------------]  50% 5/10 copied"
                + "\r[##############################] 100% 12/12 copied" + System.lineSeparator());
    }
}
