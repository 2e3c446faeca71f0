package io.vizflow.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vizflow.BadInputException;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DateTextTest {
    private static String refusal(String text) {
        return assertThrows(BadInputException.class, () -> TradingCalendar.parseDate(text)).getMessage();
    }

    @Test
    void yyyymmdd_is_parsed_and_formatted_back() {
        assertEquals(LocalDate.of(2024, 1, 2), TradingCalendar.parseDate("20240102"));
        assertEquals(LocalDate.of(2024, 2, 29), TradingCalendar.parseDate(" 20240229 "));
        assertEquals("20240102", TradingCalendar.format(LocalDate.of(2024, 1, 2)));
        assertEquals("00010101", TradingCalendar.format(LocalDate.of(1, 1, 1)));
    }

    @Test
    void february_30_is_refused() {
        assertEquals("'20240230' is not a valid YYYYMMDD date: Invalid date 'FEBRUARY 30'", refusal("20240230"));
    }

    @Test
    void february_29_outside_a_leap_year_is_refused() {
        assertEquals("'20230229' is not a valid YYYYMMDD date: Invalid date 'February 29' as '2023' is not a leap year",
                refusal("20230229"));
    }

    @Test
    void month_13_is_refused() {
        assertEquals("'20241301' is not a valid YYYYMMDD date: Invalid value for MonthOfYear (valid values 1 - 12): 13",
                refusal("20241301"));
    }

    @Test
    void other_forms_are_refused_on_the_command_line() {
        assertEquals("'2024-01-02' is not a date in YYYYMMDD form", refusal("2024-01-02"));
        assertEquals("'2024012' is not a date in YYYYMMDD form", refusal("2024012"));
        assertEquals("'20240102.0' is not a date in YYYYMMDD form", refusal("20240102.0"));
        assertEquals("missing date; expected YYYYMMDD", refusal(null));
    }

    @Test
    void a_date_beyond_year_9999_cannot_be_formatted() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> TradingCalendar.format(LocalDate.of(10000, 1, 1)));
        assertEquals("+10000-01-01 cannot be written as YYYYMMDD", e.getMessage());
    }
}
