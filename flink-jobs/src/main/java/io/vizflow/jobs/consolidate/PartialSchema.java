package io.vizflow.jobs.consolidate;

import io.vizflow.BadInputException;

import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The columns of a partial's Parquet file and their types, read from its footer (as a local file,
 * without Hadoop): BIGINT, INT, DOUBLE, FLOAT, BOOLEAN or VARCHAR.
 */
final class PartialSchema {
    private PartialSchema() {}

    /** Column name to type, in file order; a file that is not Parquet is a {@link BadInputException}. */
    static Map<String, String> read(Path file) {
        MessageType schema;
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            schema = r.getFooter().getFileMetaData().getSchema();
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": not a readable Parquet file: " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Type t : schema.getFields()) {
            out.put(t.getName(), type(file, t));
        }
        return out;
    }

    /** Row count from the footer. */
    static long rows(Path file) {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            return r.getRecordCount();
        } catch (IOException e) {
            throw new BadInputException(file + ": not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    private static String type(Path file, Type t) {
        if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
            throw new BadInputException(file + ": column '" + t.getName() + "' is not a plain value (" + t + ")");
        }
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        switch (p.getPrimitiveTypeName()) {
            case INT64:
                if (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) return "BIGINT";
                break;
            case INT32:
                if (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) return "INT";
                break;
            case DOUBLE:
                return "DOUBLE";
            case FLOAT:
                return "FLOAT";
            case BOOLEAN:
                return "BOOLEAN";
            case BINARY:
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) return "VARCHAR";
                break;
            default:
                break;
        }
        throw new BadInputException(file + ": column '" + t.getName() + "' has a type a partial does not have (" + t + ")");
    }
}
