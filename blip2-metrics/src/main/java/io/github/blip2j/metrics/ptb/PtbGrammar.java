package io.github.blip2j.metrics.ptb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the rule file {@code ptb-3.4.1.grammar} (format described in the file itself). */
final class PtbGrammar {

    static final String RESOURCE = "ptb-3.4.1.grammar";

    private PtbGrammar() {
    }

    static List<PtbRule> load() {
        try (InputStream in = PtbGrammar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " next to " + PtbGrammar.class.getName());
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static List<PtbRule> parse(BufferedReader reader) throws IOException {
        UnicodeClasses unicode = new UnicodeClasses();
        Map<String, Regex> macros = new HashMap<>();
        List<PtbRule> rules = new ArrayList<>();
        int lineNo = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            try {
                if (cols[0].equals("macro") && cols.length == 3) {
                    macros.put(cols[1], RegexParser.parse(cols[2], macros, unicode));
                } else if (cols[0].equals("rule") && (cols.length == 4 || cols.length == 5)) {
                    TokenAction action = TokenAction.valueOf(cols[1]);
                    Regex pattern = RegexParser.parse(cols[3], macros, unicode);
                    Regex trailing = cols.length == 5 ? RegexParser.parse(cols[4], macros, unicode) : null;
                    String literal = action == TokenAction.LITERAL ? cols[2] : null;
                    int pushback = action == TokenAction.PUSHBACK ? Integer.parseInt(cols[2]) : 0;
                    rules.add(new PtbRule(cols[3] + (trailing == null ? "" : " / " + cols[4]),
                            pattern, trailing, action, literal, pushback));
                } else {
                    throw new IllegalStateException("expected 'macro NAME PATTERN' or 'rule ACTION ARG PATTERN [TRAILING]'");
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(RESOURCE + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return rules;
    }
}
