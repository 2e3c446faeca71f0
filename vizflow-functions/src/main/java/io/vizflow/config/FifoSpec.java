package io.vizflow.config;

import java.io.Serializable;

/** The {@code enrich.fifo} section: which columns hold the side, quantity and price, and which sides open and close. */
public record FifoSpec(String side, String qty, String price, String entrySide, String exitSide) implements Serializable {}
