package io.vizflow.jobs;

import io.vizflow.BadInputException;
import io.vizflow.config.FifoSpec;
import io.vizflow.config.VizFlowConfig;
import io.vizflow.market.TimeFormat;
import io.vizflow.row.ColumnType;
import io.vizflow.source.FeatherFile;
import io.vizflow.source.InputColumn;

import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which columns of a day's file a config needs, and as what: the timestamp, symbol and price, plus
 * every file column that the enrichment, bins, group-by or metrics name. Others are never read.
 */
final class InputPlan {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    final List<InputColumn> columns;
    final TimeFormat timeFormat;

    private InputPlan(List<InputColumn> columns, TimeFormat timeFormat) {
        this.columns = columns;
        this.timeFormat = timeFormat;
    }

    static InputPlan of(VizFlowConfig config, FeatherFile file) {
        String name = file.path().getFileName().toString();
        List<InputColumn> cols = new ArrayList<>();
        String ts = config.timestampColumn();
        ArrowType tsType = typeOf(file, ts, "columns.timestamp", config);
        TimeFormat format;
        if (tsType instanceof ArrowType.Timestamp) {
            format = config.timestampUnit() != null ? config.timestampUnit()
                    : epoch(((ArrowType.Timestamp) tsType).getUnit());
        } else if (tsType instanceof ArrowType.Int) {
            format = config.timestampUnit() != null ? config.timestampUnit() : TimeFormat.HHMMSSMMM;
        } else {
            throw new BadInputException(name + ": column '" + ts + "' (columns.timestamp) is " + describe(tsType)
                    + ", expected int64 HHMMSSmmm or an Arrow timestamp");
        }
        cols.add(InputColumn.of(ts, ColumnType.LONG, true));

        String sym = config.symbolColumn();
        ColumnType symType = columnType(file, sym);
        if (symType != ColumnType.LONG && symType != ColumnType.STRING) {
            throw new BadInputException(name + ": column '" + sym + "' (columns.symbol) is "
                    + describe(file.typeOf(sym)) + ", expected int64 or string");
        }
        cols.add(InputColumn.of(sym, symType, true));

        String price = config.priceColumn();
        typeOf(file, price, "columns.price", config);
        if (columnType(file, price) != ColumnType.DOUBLE && columnType(file, price) != ColumnType.LONG) {
            throw new BadInputException(name + ": column '" + price + "' (columns.price) is "
                    + describe(file.typeOf(price)) + ", expected a number");
        }
        cols.add(InputColumn.of(price, ColumnType.DOUBLE, false));

        Set<String> have = new LinkedHashSet<>(List.of(ts, sym, price));
        for (String ref : referenced(config)) {
            if (have.contains(ref) || !hasColumn(file, ref)) continue;
            have.add(ref);
            cols.add(InputColumn.of(ref, columnType(file, ref), false));
        }
        return new InputPlan(cols, format);
    }

    /** Every identifier of the config's expressions and column lists. */
    private static Set<String> referenced(VizFlowConfig c) {
        List<String> texts = new ArrayList<>();
        FifoSpec f = c.fifo();
        if (f != null) {
            texts.add(f.side());
            texts.add(f.qty());
            if (f.price() != null) texts.add(f.price());
        }
        texts.addAll(c.conditions().values());
        texts.addAll(c.running().values());
        texts.addAll(c.binwidths().keySet());
        texts.addAll(c.groupBy());
        texts.addAll(c.metrics().values());
        Set<String> ids = new LinkedHashSet<>();
        for (String t : texts) {
            Matcher m = IDENTIFIER.matcher(t.replaceAll("\"([^\"\\\\]|\\\\.)*\"|'([^']|'')*'", " "));
            while (m.find()) ids.add(m.group());
        }
        return ids;
    }

    private static boolean hasColumn(FeatherFile file, String column) {
        return file.schema().getFields().stream().anyMatch(f -> f.getName().equals(column));
    }

    private static ArrowType typeOf(FeatherFile file, String column, String key, VizFlowConfig config) {
        if (!hasColumn(file, column)) {
            List<String> names = new ArrayList<>();
            for (Field f : file.schema().getFields()) names.add(f.getName());
            throw new BadInputException(file.path().getFileName() + ": no column '" + column + "' (" + key
                    + " in " + config.source() + "); the file's columns are " + names);
        }
        return file.typeOf(column);
    }

    /** The row type a file column is read as. */
    private static ColumnType columnType(FeatherFile file, String column) {
        Field field = file.field(column);
        if (field.getDictionary() != null) {
            return ColumnType.STRING;
        }
        ArrowType t = field.getType();
        if (t instanceof ArrowType.Int || t instanceof ArrowType.Timestamp) return ColumnType.LONG;
        if (t instanceof ArrowType.FloatingPoint) return ColumnType.DOUBLE;
        if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) return ColumnType.STRING;
        if (t instanceof ArrowType.Bool) return ColumnType.BOOLEAN;
        throw new BadInputException(file.path().getFileName() + ": column '" + column + "' is " + describe(t)
                + ", which VizFlow cannot read (integers, reals, strings, booleans and timestamps)");
    }

    private static TimeFormat epoch(org.apache.arrow.vector.types.TimeUnit unit) {
        switch (unit) {
            case SECOND: return TimeFormat.EPOCH_S;
            case MILLISECOND: return TimeFormat.EPOCH_MS;
            case MICROSECOND: return TimeFormat.EPOCH_US;
            default: return TimeFormat.EPOCH_NS;
        }
    }

    private static String describe(ArrowType t) {
        return t.getTypeID().name().toLowerCase() + (t instanceof ArrowType.Int ? ((ArrowType.Int) t).getBitWidth() : "");
    }
}
