package io.vizflow.ui.services;

import io.vizflow.market.Market;
import io.vizflow.query.Dimension;
import io.vizflow.query.ValueType;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AxisLabelsTest {
    static final AxisLabels CN = new AxisLabels(Market.CN);
    static final Dimension ALPHA = new Dimension("alpha1_bin", ValueType.INTEGER, "alpha1", 1.0e-4);
    static final Dimension TIME = new Dimension("elapsed_seconds_bin", ValueType.INTEGER, "elapsed_seconds", 1800.0);

    @Test
    void tradingSecondsReadAsTheMarketsTimeOfDay() {
        assertEquals("09:30", CN.clock(0));
        assertEquals("10:00", CN.clock(1800));
        assertEquals("11:29:59", CN.clock(7199));
        assertEquals("13:00", CN.clock(7200), "the lunch break is skipped");
        assertEquals("15:00", CN.clock(14400));
        assertEquals("15:00", CN.clock(99999), "past the close: the close");
    }

    @Test
    void binsReadAsTheirRealValue() {
        assertEquals("0.0003", CN.label(ALPHA, 3L));
        assertEquals("-0.0002", CN.label(ALPHA, -2L));
        assertEquals("0", CN.label(ALPHA, 0L));
        assertEquals("13:30", CN.label(TIME, 5L));
        assertEquals("(null)", CN.label(ALPHA, null));
        assertEquals("alpha1 (bins of 0.0001)", CN.title(ALPHA));
        assertEquals("time of day (elapsed_seconds bins of 1800 s)", CN.title(TIME));
    }

    @Test
    void otherValuesReadAsThemselves() {
        Dimension side = new Dimension("side", ValueType.TEXT, null, null);
        assertEquals("B", CN.label(side, "B"));
        assertEquals("2024-01-02", CN.label(new Dimension("date", ValueType.DATE, null, null), LocalDate.of(2024, 1, 2)));
        assertEquals("10:00", CN.label(new Dimension("elapsed_seconds", ValueType.INTEGER, null, null), 1800L));
        assertTrue(AxisLabels.isTimeOfDay(TIME));
        assertFalse(AxisLabels.isTimeOfDay(ALPHA));
    }
}
