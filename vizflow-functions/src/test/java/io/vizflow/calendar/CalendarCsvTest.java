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
class CalendarCsvTest {
    private static final List<String> JAN_2_TO_12 = List.of("20240102", "20240103", "20240104", "20240105",
            "20240108", "20240109", "20240110", "20240111", "20240112");

    @TempDir
    Path dir;

    private Path csv(String content) throws IOException {
        return Files.writeString(dir.resolve("calendar.csv"), content);
    }

    private String loadError(String content) throws IOException {
        Path file = csv(content);
        return assertThrows(BadInputException.class, () -> TradingCalendar.load(file)).getMessage();
    }

    private static List<String> texts(TradingCalendar cal) {
        return cal.dates().stream().map(TradingCalendar::format).toList();
    }

    @Test
    void a_single_date_column_is_read() {
        TradingCalendar cal = TradingCalendar.load(fixture("dates_only.csv"));
        assertEquals(JAN_2_TO_12, texts(cal));
        assertEquals(fixture("dates_only.csv").toString(), cal.source());
    }

    @Test
    void iso_dates_are_read_like_yyyymmdd_ones() {
        assertEquals(JAN_2_TO_12, texts(TradingCalendar.load(fixture("iso_dates.csv"))));
    }

    @Test
    void a_single_date_column_calendar_knows_nothing_beyond_its_edges() {
        TradingCalendar cal = TradingCalendar.load(fixture("dates_only.csv"));
        assertThrows(BadInputException.class, () -> cal.prev(d("20240102")));
        assertThrows(BadInputException.class, () -> cal.next(d("20240112")));
        assertEquals(d("20240112"), cal.prev(d("20240113")));
        assertThrows(BadInputException.class, () -> cal.range(d("20240101"), d("20240105")));
    }

    @Test
    void explicit_prev_and_next_columns_are_read_and_answer_at_the_edges() {
        TradingCalendar cal = TradingCalendar.load(fixture("with_prev_next.csv"));
        assertEquals(JAN_2_TO_12, texts(cal));
        assertEquals(d("20231229"), cal.prev(d("20240102")));
        assertEquals(d("20240115"), cal.next(d("20240112")));
        assertEquals(d("20231229"), cal.prev(d("20240101")));
        assertEquals(d("20240102"), cal.next(d("20231229")));
        assertEquals(d("20240112"), cal.prev(d("20240115")));
        assertEquals(d("20240115"), cal.next(d("20240113")));
    }

    @Test
    void the_edge_days_themselves_are_not_listed_and_what_lies_beyond_them_is_unknown() {
        TradingCalendar cal = TradingCalendar.load(fixture("with_prev_next.csv"));
        assertEquals(9, cal.size());
        assertEquals(false, cal.contains(d("20231229")));
        BadInputException e = assertThrows(BadInputException.class, () -> cal.prev(d("20231229")));
        assertEquals("the trading day before 20231229 is not known to calendar " + fixture("with_prev_next.csv")
                + ", which covers 20231229..20240115", e.getMessage());
        assertThrows(BadInputException.class, () -> cal.next(d("20240115")));
    }

    @Test
    void a_range_may_reach_up_to_the_explicit_edges_but_not_onto_them() {
        TradingCalendar cal = TradingCalendar.load(fixture("with_prev_next.csv"));
        assertEquals(List.of(d("20240102"), d("20240103")), cal.range(d("20231230"), d("20240103")));
        assertEquals(List.of(d("20240112")), cal.range(d("20240112"), d("20240114")));
        assertThrows(BadInputException.class, () -> cal.range(d("20231229"), d("20240103")));
    }

    @Test
    void header_names_are_case_insensitive_and_values_may_be_quoted_or_padded() throws IOException {
        TradingCalendar cal = TradingCalendar.load(csv(
                "\uFEFFDate, Prev_Trading_Day ,next_trading_day\r\n\"20240105\",20240104, 20240108\r\n"
                        + "20240108,20240105,\r\n\r\n"));
        assertEquals(List.of(d("20240105"), d("20240108")), cal.dates());
        assertEquals(d("20240104"), cal.prev(d("20240105")));
        assertThrows(BadInputException.class, () -> cal.next(d("20240108")));
    }

    @Test
    void a_written_calendar_loads_back_the_same() {
        TradingCalendar cal = TradingCalendar.load(fixture("with_prev_next.csv"));
        Path out = dir.resolve("sub/dir/calendar.csv");
        cal.write(out);
        TradingCalendar back = TradingCalendar.load(out);
        assertEquals(cal.dates(), back.dates());
        assertEquals(d("20231229"), back.prev(d("20240102")));
        assertEquals(d("20240115"), back.next(d("20240112")));
    }

    @Test
    void write_produces_the_three_column_yyyymmdd_form() throws IOException {
        Path out = dir.resolve("out.csv");
        TradingCalendar.load(fixture("iso_dates.csv")).write(out);
        assertEquals("date,prev_trading_day,next_trading_day\n"
                        + "20240102,,20240103\n20240103,20240102,20240104\n20240104,20240103,20240105\n"
                        + "20240105,20240104,20240108\n20240108,20240105,20240109\n20240109,20240108,20240110\n"
                        + "20240110,20240109,20240111\n20240111,20240110,20240112\n20240112,20240111,\n",
                Files.readString(out));
    }

    @Test
    void write_keeps_the_explicit_edges() throws IOException {
        Path out = dir.resolve("out.csv");
        TradingCalendar.load(fixture("with_prev_next.csv")).write(out);
        assertEquals(Files.readString(fixture("with_prev_next.csv")), Files.readString(out));
    }

    @Test
    void write_replaces_an_existing_file_and_leaves_no_temporary_file() throws IOException {
        Path out = Files.writeString(dir.resolve("out.csv"), "old content\n");
        TradingCalendar.weekdays(d("20240102"), d("20240103"), List.of()).write(out);
        assertEquals("date,prev_trading_day,next_trading_day\n20240102,,20240103\n20240103,20240102,\n",
                Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    @Test
    void a_missing_file_is_refused() {
        Path missing = dir.resolve("nope.csv");
        BadInputException e = assertThrows(BadInputException.class, () -> TradingCalendar.load(missing));
        assertEquals("calendar file " + missing + " does not exist", e.getMessage());
    }

    @Test
    void an_empty_file_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " is empty; expected a header 'date' or"
                + " 'date,prev_trading_day,next_trading_day' and one row per trading day", loadError("\n  \n"));
    }

    @Test
    void a_header_without_dates_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " has a header but no dates",
                loadError("date\n"));
    }

    @Test
    void an_unknown_column_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 1: unknown column 'day';"
                + " expected 'date' or 'date,prev_trading_day,next_trading_day'", loadError("day\n20240102\n"));
    }

    @Test
    void a_repeated_column_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 1: repeated column 'date';"
                + " expected 'date' or 'date,prev_trading_day,next_trading_day'", loadError("date,date\n1,2\n"));
    }

    @Test
    void a_header_without_a_date_column_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 1: no 'date' column in header"
                + " 'prev_trading_day'", loadError("prev_trading_day\n20240102\n"));
    }

    @Test
    void a_row_with_the_wrong_number_of_values_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 3: expected 1 values (date),"
                + " found 2: '20240103,x'", loadError("date\n20240102\n20240103,x\n"));
    }

    @Test
    void an_impossible_date_is_refused_with_its_line() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 3, column date: '20240230' is not"
                + " a valid YYYYMMDD date: Invalid date 'FEBRUARY 30'", loadError("date\n20240229\n20240230\n"));
    }

    @Test
    void a_date_in_another_form_is_refused_with_its_line() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 2, column date: '01/02/2024' is not"
                + " a date in YYYYMMDD or yyyy-MM-dd form", loadError("date\n01/02/2024\n"));
    }

    @Test
    void an_empty_date_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 3, column date: '' is not"
                + " a date in YYYYMMDD or yyyy-MM-dd form", loadError("date,next_trading_day\n20240102,\n,\n"));
    }

    @Test
    void a_bad_prev_trading_day_is_refused_with_its_column() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 2, column prev_trading_day:"
                + " '2023-13-29' is not a valid yyyy-MM-dd date: Invalid value for MonthOfYear"
                + " (valid values 1 - 12): 13",
                loadError("date,prev_trading_day,next_trading_day\n20240102,2023-13-29,\n"));
    }

    @Test
    void a_duplicate_date_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 4, column date: duplicate date"
                + " 20240103 (already on line 3)", loadError("date\n20240102\n20240103\n2024-01-03\n"));
    }

    @Test
    void unsorted_dates_are_refused_not_sorted() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 3, column date: date 20240102"
                + " comes after 20240103 on line 2; dates must be in increasing order",
                loadError("date\n20240103\n20240102\n"));
    }

    @Test
    void a_prev_trading_day_that_disagrees_with_the_list_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 3, column prev_trading_day: 20240102"
                + " disagrees with the date list, where the trading day before 20240105 is 20240104",
                loadError("date,prev_trading_day,next_trading_day\n20240104,,20240105\n20240105,20240102,\n"));
    }

    @Test
    void a_next_trading_day_that_disagrees_with_the_list_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 2, column next_trading_day: 20240108"
                + " disagrees with the date list, where the trading day after 20240104 is 20240105",
                loadError("date,prev_trading_day,next_trading_day\n20240104,,20240108\n20240105,20240104,\n"));
    }

    @Test
    void an_edge_prev_that_is_not_before_its_date_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 2, column prev_trading_day: 20240104"
                + " is not before its date 20240104",
                loadError("date,prev_trading_day,next_trading_day\n20240104,20240104,\n"));
    }

    @Test
    void an_edge_next_that_is_not_after_its_date_is_refused() throws IOException {
        assertEquals("calendar file " + dir.resolve("calendar.csv") + " line 2, column next_trading_day: 20240103"
                + " is not after its date 20240104",
                loadError("date,prev_trading_day,next_trading_day\n20240104,,20240103\n"));
    }
}
