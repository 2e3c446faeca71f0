package io.vizflow.calendar;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;

/** Test fixtures under src/test/resources/calendar/ and a short date helper. */
final class Fixtures {
    private Fixtures() {}

    static Path fixture(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/calendar/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A date from YYYYMMDD. */
    static LocalDate d(String yyyymmdd) {
        return TradingCalendar.parseDate(yyyymmdd);
    }
}
