package io.vizflow.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain logic of markets: sessions, elapsed trading seconds and clamping (CONTRACT section 2). */
class MarketTest {

    private static int at(String clock) {
        return clock.equals("24:00") ? 86_400 : LocalTime.parse(clock).toSecondOfDay();
    }

    @ParameterizedTest(name = "CN {0} -> {1}")
    @CsvSource({
        "09:25:00, 0",
        "09:30:00, 0",
        "09:30:01, 1",
        "11:29:59, 7199",
        "11:30:00, 7200",
        "12:00:00, 7200",
        "12:59:59, 7200",
        "13:00:00, 7200",
        "13:00:01, 7201",
        "14:59:59, 14399",
        "15:00:00, 14400",
        "15:30:00, 14400",
        "23:59:59, 14400",
        "00:00:00, 0",
    })
    void shouldCountTradingSecondsSinceTheFirstOpenInCn(String clock, long elapsed) {
        assertEquals(elapsed, Market.CN.elapsedSeconds(at(clock)));
    }

    @ParameterizedTest(name = "CN {0} outside sessions: {1}")
    @CsvSource({
        "09:25:00, true",
        "09:30:00, false",
        "11:29:59, false",
        "11:30:00, true",
        "12:00:00, true",
        "13:00:00, false",
        "14:59:59, false",
        "15:00:00, true",
    })
    void shouldTellWhichSecondsAreClamped(String clock, boolean outside) {
        assertEquals(outside, Market.CN.isOutsideSessions(at(clock)));
    }

    @Test
    void shouldKnowEachPresetsTradingDay() {
        assertEquals(14_400, Market.CN.totalSeconds());
        assertEquals(23_400, Market.KR.totalSeconds());
        assertEquals(86_400, Market.CRYPTO.totalSeconds());
        assertEquals(14_400, Market.HKEX_NORTHBOUND.totalSeconds());
        assertEquals(ZoneId.of("Asia/Shanghai"), Market.CN.zone());
        assertEquals(ZoneId.of("Asia/Seoul"), Market.KR.zone());
        assertEquals(ZoneId.of("UTC"), Market.CRYPTO.zone());
        assertEquals(ZoneId.of("Asia/Shanghai"), Market.HKEX_NORTHBOUND.zone());
    }

    @Test
    void shouldCountKrAndCryptoSecondsFromTheirOpen() {
        assertEquals(0, Market.KR.elapsedSeconds(at("09:00:00")));
        assertEquals(23_399, Market.KR.elapsedSeconds(at("15:29:59")));
        assertEquals(23_400, Market.KR.elapsedSeconds(at("15:30:00")));
        assertEquals(0, Market.CRYPTO.elapsedSeconds(at("00:00:00")));
        assertEquals(86_399, Market.CRYPTO.elapsedSeconds(at("23:59:59")));
        assertFalse(Market.CRYPTO.isOutsideSessions(at("23:59:59")));
        assertEquals(7_200, Market.HKEX_NORTHBOUND.elapsedSeconds(at("13:00:00")));
    }

    @Test
    void shouldFindPresetsByNameIgnoringCase() {
        assertSame(Market.CN, Market.preset("cn"));
        assertSame(Market.KR, Market.preset("KR"));
        assertSame(Market.CRYPTO, Market.preset("Crypto"));
        assertSame(Market.HKEX_NORTHBOUND, Market.preset("HKEX_NORTHBOUND"));
    }

    @Test
    void shouldNameAnUnknownPreset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Market.preset("NYSE"));
        assertTrue(e.getMessage().contains("'NYSE'"), e.getMessage());
    }

    @Test
    void shouldClampACustomMarketsBreaksToTheBreaksStart() {
        Market london = new Market("LSE", ZoneId.of("Europe/London"),
                List.of(TradingSession.of("08:00", "12:00"), TradingSession.of("12:02", "16:30")));

        assertEquals(30_480, london.totalSeconds());
        assertEquals(14_399, london.elapsedSeconds(at("11:59:59")));
        assertEquals(14_400, london.elapsedSeconds(at("12:01:00")));
        assertEquals(14_400, london.elapsedSeconds(at("12:02:00")));
        assertEquals(14_460, london.elapsedSeconds(at("12:03:00")));
        assertEquals(30_480, london.elapsedSeconds(at("16:30:00")));
    }

    @Test
    void shouldCountEverySecondOfTheDayAsTheContractDefinesIt() {
        // the arithmetic (no branches) against the definition, session by session, for every second
        Market three = new Market("three", ZoneId.of("UTC"), List.of(TradingSession.of("00:00", "00:01"),
                TradingSession.of("09:00", "11:30"), TradingSession.of("13:00", "24:00")));
        for (Market m : List.of(Market.CN, Market.KR, Market.CRYPTO, Market.HKEX_NORTHBOUND, three)) {
            for (int second = 0; second <= 86_400; second++) {
                long elapsed = 0;
                boolean inside = false;
                for (TradingSession s : m.sessions()) {
                    if (second >= s.endSecond()) {
                        elapsed += s.lengthSeconds(); // a session closed before this second
                    } else if (second >= s.startSecond()) {
                        elapsed += second - s.startSecond();
                        inside = true;
                    }
                }
                assertEquals(elapsed, m.elapsedSeconds(second), m + " at second " + second);
                assertEquals(!inside, m.isOutsideSessions(second), m + " at second " + second);
                assertEquals(inside ? 0 : 1, m.outsideSessions(second), m + " at second " + second);
            }
        }
    }

    @Test
    void shouldRefuseOverlappingOrEmptySessions() {
        assertThrows(IllegalArgumentException.class, () -> new Market("x", ZoneId.of("UTC"),
                List.of(TradingSession.of("09:00", "12:00"), TradingSession.of("11:00", "15:00"))));
        assertThrows(IllegalArgumentException.class, () -> new Market("x", ZoneId.of("UTC"), List.of()));
    }

    @Test
    void shouldParseSessionClocks() {
        assertEquals(new TradingSession(at("09:30"), at("11:30")), TradingSession.of("09:30", "11:30"));
        assertEquals(new TradingSession(0, 86_400), TradingSession.of("00:00", "24:00"));
        assertEquals(new TradingSession(at("09:30:15"), at("11:30")), TradingSession.of("09:30:15", "11:30:00"));
        assertEquals(7_200, TradingSession.of("09:30", "11:30").lengthSeconds());
        assertEquals("09:30-11:30", TradingSession.of("09:30", "11:30").toString());
    }

    @Test
    void shouldRefuseBadSessions() {
        assertThrows(IllegalArgumentException.class, () -> TradingSession.of("25:00", "26:00"));
        assertThrows(IllegalArgumentException.class, () -> TradingSession.of("11:30", "09:30"));
        assertThrows(IllegalArgumentException.class, () -> TradingSession.of("09:30", "09:30"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TradingSession.of("9h30", "11:30"));
        assertTrue(e.getMessage().contains("'9h30'"), e.getMessage());
    }

    @Test
    void shouldParseTimestampUnits() {
        assertSame(TimeFormat.HHMMSSMMM, TimeFormat.parse("HHMMSSmmm"));
        assertSame(TimeFormat.EPOCH_S, TimeFormat.parse("s"));
        assertSame(TimeFormat.EPOCH_MS, TimeFormat.parse("ms"));
        assertSame(TimeFormat.EPOCH_US, TimeFormat.parse("us"));
        assertSame(TimeFormat.EPOCH_NS, TimeFormat.parse("NS"));
        assertEquals(1_000_000_000L, TimeFormat.EPOCH_NS.perSecond());
        assertFalse(TimeFormat.HHMMSSMMM.isEpoch());
        assertTrue(TimeFormat.EPOCH_MS.isEpoch());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeFormat.parse("minutes"));
        assertTrue(e.getMessage().contains("'minutes'"), e.getMessage());
    }
}
