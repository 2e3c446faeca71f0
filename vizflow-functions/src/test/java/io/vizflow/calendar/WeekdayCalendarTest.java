package io.vizflow.calendar;

import static io.vizflow.calendar.Fixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WeekdayCalendarTest {
    /** Fri 20231201 .. Wed 20240131, New Year's Day (Mon 20240101) off. */
    private final TradingCalendar cal = TradingCalendar.weekdays(d("20231201"), d("20240131"), List.of(d("20240101")));

    @Test
    void weekends_and_holidays_are_not_trading_days() {
        assertTrue(cal.contains(d("20240102")));
        assertFalse(cal.contains(d("20240101")));
        assertFalse(cal.contains(d("20240106")));
        assertFalse(cal.contains(d("20240107")));
        assertEquals(d("20231201"), cal.first());
        assertEquals(d("20240131"), cal.last());
        assertEquals(21 + 22, cal.size()); // December: 21 weekdays; January: 23 weekdays less New Year
    }

    @Test
    void the_year_end_skips_the_weekend_and_the_new_year_holiday() {
        assertEquals(d("20240102"), cal.next(d("20231229")));
        assertEquals(d("20231229"), cal.prev(d("20240102")));
        assertEquals(d("20240102"), cal.next(d("20231231")));
        assertEquals(d("20231229"), cal.prev(d("20240101")));
    }

    @Test
    void prev_and_next_of_a_trading_day_are_strictly_before_and_after_it() {
        assertEquals(d("20240104"), cal.prev(d("20240105")));
        assertEquals(d("20240108"), cal.next(d("20240105")));
    }

    @Test
    void prev_and_next_of_a_weekend_day_are_the_surrounding_fridays_and_mondays() {
        assertEquals(d("20240105"), cal.prev(d("20240106")));
        assertEquals(d("20240108"), cal.next(d("20240106")));
        assertEquals(d("20240105"), cal.prev(d("20240107")));
        assertEquals(d("20240108"), cal.next(d("20240107")));
    }

    @Test
    void a_range_over_a_weekend_holds_only_the_weekdays() {
        assertEquals(List.of(d("20240104"), d("20240105"), d("20240108"), d("20240109")),
                cal.range(d("20240104"), d("20240109")));
    }

    @Test
    void a_range_may_start_and_end_on_non_trading_days() {
        assertEquals(List.of(d("20240108"), d("20240109"), d("20240110"), d("20240111"), d("20240112")),
                cal.range(d("20240106"), d("20240114")));
        assertEquals(List.of(d("20240102")), cal.range(d("20231230"), d("20240102")));
    }

    @Test
    void a_range_of_one_weekend_is_empty() {
        assertEquals(List.of(), cal.range(d("20240106"), d("20240107")));
    }

    @Test
    void a_range_of_one_trading_day_holds_that_day() {
        assertEquals(List.of(d("20240105")), cal.range(d("20240105"), d("20240105")));
    }

    @Test
    void a_range_over_the_whole_generated_span_is_every_date() {
        assertEquals(cal.dates(), cal.range(d("20231201"), d("20240131")));
    }

    @Test
    void a_range_that_ends_before_it_starts_is_refused() {
        BadInputException e = assertThrows(BadInputException.class, () -> cal.range(d("20240110"), d("20240105")));
        assertEquals("range start 20240110 is after its end 20240105", e.getMessage());
    }

    @Test
    void a_range_reaching_outside_the_calendar_is_refused_rather_than_cut_short() {
        BadInputException e = assertThrows(BadInputException.class, () -> cal.range(d("20240115"), d("20240215")));
        assertEquals("range 20240115..20240215 reaches outside calendar weekdays 20231201..20240131,"
                + " which covers 20231201..20240131", e.getMessage());
        assertThrows(BadInputException.class, () -> cal.range(d("20231130"), d("20231205")));
    }

    @Test
    void prev_of_the_first_day_is_refused_when_the_calendar_does_not_know_it() {
        BadInputException e = assertThrows(BadInputException.class, () -> cal.prev(d("20231201")));
        assertEquals("the trading day before 20231201 is not known to calendar weekdays 20231201..20240131,"
                + " which covers 20231201..20240131", e.getMessage());
    }

    @Test
    void next_of_the_last_day_is_refused_when_the_calendar_does_not_know_it() {
        BadInputException e = assertThrows(BadInputException.class, () -> cal.next(d("20240131")));
        assertEquals("the trading day after 20240131 is not known to calendar weekdays 20231201..20240131,"
                + " which covers 20231201..20240131", e.getMessage());
    }

    @Test
    void prev_and_next_just_outside_the_generated_span_are_still_known() {
        assertEquals(d("20240131"), cal.prev(d("20240201")));
        assertEquals(d("20231201"), cal.next(d("20231130")));
    }

    @Test
    void prev_and_next_further_outside_the_generated_span_are_refused() {
        assertThrows(BadInputException.class, () -> cal.prev(d("20240202")));
        assertThrows(BadInputException.class, () -> cal.next(d("20231129")));
    }

    @Test
    void a_span_starting_on_a_saturday_knows_the_days_before_its_first_monday_are_off() {
        TradingCalendar week = TradingCalendar.weekdays(d("20240106"), d("20240114"), List.of());
        assertEquals(d("20240108"), week.first());
        assertEquals(d("20240112"), week.last());
        assertEquals(d("20240108"), week.next(d("20240105")));
        assertEquals(d("20240112"), week.prev(d("20240115")));
        assertEquals(List.of(d("20240108"), d("20240109"), d("20240110"), d("20240111"), d("20240112")),
                week.range(d("20240106"), d("20240114")));
        assertThrows(BadInputException.class, () -> week.prev(d("20240108")));
    }

    @Test
    void holidays_on_weekends_or_outside_the_span_change_nothing() {
        TradingCalendar plain = TradingCalendar.weekdays(d("20240101"), d("20240131"), List.of());
        TradingCalendar withNoise = TradingCalendar.weekdays(d("20240101"), d("20240131"),
                List.of(d("20240106"), d("20231225"), d("20240301")));
        assertEquals(plain.dates(), withNoise.dates());
    }

    @Test
    void require_accepts_a_trading_day() {
        cal.require(d("20240105"));
    }

    @Test
    void require_names_the_nearest_trading_days_of_a_weekend_day() {
        BadInputException e = assertThrows(BadInputException.class, () -> cal.require(d("20240106")));
        assertEquals("20240106 is not a trading day in calendar weekdays 20231201..20240131;"
                + " nearest trading days: 20240105, 20240108", e.getMessage());
    }

    @Test
    void require_names_the_nearest_trading_days_of_a_holiday() {
        BadInputException e = assertThrows(BadInputException.class, () -> cal.require(d("20240101")));
        assertEquals("20240101 is not a trading day in calendar weekdays 20231201..20240131;"
                + " nearest trading days: 20231229, 20240102", e.getMessage());
    }

    @Test
    void require_refuses_a_date_outside_the_listed_days() {
        BadInputException e = assertThrows(BadInputException.class, () -> cal.require(d("20240201")));
        assertEquals("20240201 is not a trading day in calendar weekdays 20231201..20240131;"
                + " it is outside the listed trading days 20231201..20240131", e.getMessage());
    }

    @Test
    void a_span_that_ends_before_it_starts_is_refused() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> TradingCalendar.weekdays(d("20240131"), d("20240101"), List.of()));
        assertEquals("calendar start 20240131 is after its end 20240101", e.getMessage());
    }

    @Test
    void a_span_without_any_trading_day_is_refused() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> TradingCalendar.weekdays(d("20240106"), d("20240108"), List.of(d("20240108"))));
        assertEquals("calendar weekdays 20240106..20240108 has no trading days once weekends and holidays"
                + " are removed", e.getMessage());
    }

    @Test
    void the_dates_cannot_be_modified() {
        List<LocalDate> dates = cal.dates();
        assertThrows(UnsupportedOperationException.class, () -> dates.add(d("20240201")));
        assertThrows(UnsupportedOperationException.class, () -> cal.range(d("20240102"), d("20240105")).clear());
    }

    @Test
    void a_serialized_calendar_answers_like_the_original() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(cal);
        }
        TradingCalendar copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (TradingCalendar) in.readObject();
        }
        assertEquals(cal.dates(), copy.dates());
        assertEquals(cal.source(), copy.source());
        assertEquals(d("20240102"), copy.next(d("20231229")));
        assertEquals(d("20231201"), copy.next(d("20231130")));
        assertThrows(BadInputException.class, () -> copy.prev(d("20231201")));
    }
}
