package io.vizflow.calendar;

import static io.vizflow.calendar.Fixtures.d;
import static io.vizflow.calendar.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vizflow.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HolidayFileTest {
    @TempDir
    Path dir;

    @Test
    void holidays_are_read_with_comments_and_blank_lines_skipped_sorted_and_once_each() {
        assertEquals(List.of(d("20240101"), d("20240210"), d("20240212")),
                TradingCalendar.readHolidays(fixture("holidays.txt")));
    }

    @Test
    void read_holidays_are_removed_from_generated_weekdays() {
        TradingCalendar cal = TradingCalendar.weekdays(d("20240101"), d("20240229"),
                TradingCalendar.readHolidays(fixture("holidays.txt")));
        assertEquals(d("20240102"), cal.first());
        assertEquals(d("20240213"), cal.next(d("20240209")));
    }

    @Test
    void an_empty_holiday_file_means_no_holidays() throws IOException {
        assertEquals(List.of(), TradingCalendar.readHolidays(Files.writeString(dir.resolve("h.txt"), "# none\n")));
    }

    @Test
    void a_bad_holiday_is_refused_with_its_line() throws IOException {
        Path file = Files.writeString(dir.resolve("h.txt"), "# list\n20240101\n20240101,New Year\n");
        BadInputException e = assertThrows(BadInputException.class, () -> TradingCalendar.readHolidays(file));
        assertEquals("holiday file " + file + " line 3: '20240101,New Year' is not a date in YYYYMMDD or yyyy-MM-dd"
                + " form (one date per line, # for comments)", e.getMessage());
    }

    @Test
    void a_missing_holiday_file_is_refused() {
        Path missing = dir.resolve("none.txt");
        BadInputException e = assertThrows(BadInputException.class, () -> TradingCalendar.readHolidays(missing));
        assertEquals("holiday file " + missing + " does not exist", e.getMessage());
    }
}
