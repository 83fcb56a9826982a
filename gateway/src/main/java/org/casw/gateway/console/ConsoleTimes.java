package org.casw.gateway.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Times as the console shows them ({@code ${@consoleTimes.format(t)}}): UTC+8, the clock of China, Singapore and
 * Malaysia alike, so a port's, a customs office's and a partner window's times read the same; the page says so.
 */
@Component
public class ConsoleTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));

    public String format(Instant at) {
        return at == null ? "" : FORMAT.format(at);
    }

    /** The machine-readable form for {@code <time datetime>}. */
    public String iso(Instant at) {
        return at == null ? "" : at.toString();
    }
}
