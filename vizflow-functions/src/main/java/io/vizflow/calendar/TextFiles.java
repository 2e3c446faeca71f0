package io.vizflow.calendar;

import io.vizflow.BadInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a small text file as lines, turning I/O problems into messages that name the file. */
final class TextFiles {
    private TextFiles() {}

    /** The file's lines, UTF-8, without a leading byte-order mark. */
    static List<String> lines(Path file, String what) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new BadInputException(what + " " + file + " does not exist", e);
        } catch (CharacterCodingException e) {
            throw new BadInputException(what + " " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + what + " " + file + ": " + e, e);
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1));
        }
        return lines;
    }
}
