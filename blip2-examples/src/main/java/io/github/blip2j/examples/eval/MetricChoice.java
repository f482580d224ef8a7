package io.github.blip2j.examples.eval;

import io.github.blip2j.metrics.CaptionMetrics;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** The metric names {@code --metrics} accepts and what each adds to a {@link CaptionMetrics.Builder}. */
public enum MetricChoice {
    BLEU("bleu", b -> b.bleu(4)),
    METEOR("meteor", CaptionMetrics.Builder::meteor),
    ROUGE("rouge", CaptionMetrics.Builder::rougeL),
    CIDER("cider", CaptionMetrics.Builder::cider),
    /** Slow (a constituency parse of every distinct caption), so not in {@code blip2 eval}'s default list. */
    SPICE("spice", CaptionMetrics.Builder::spice),
    DISTINCT("distinct", b -> b.distinct(1, 2)),
    SELFBLEU("selfbleu", b -> b.selfBleu(4));

    private final String option;
    private final Consumer<CaptionMetrics.Builder> configure;

    MetricChoice(String option, Consumer<CaptionMetrics.Builder> configure) {
        this.option = option;
        this.configure = configure;
    }

    public String option() {
        return option;
    }

    void addTo(CaptionMetrics.Builder builder) {
        configure.accept(builder);
    }

    /** All choices as {@code --metrics} takes them: {@code bleu,meteor,rouge,cider,spice,distinct,selfbleu}. */
    public static String all() {
        return String.join(",", Arrays.stream(values()).map(MetricChoice::option).toList());
    }

    /**
     * Parses a comma list such as {@code bleu,cider}; order and repeats do not matter.
     *
     * @throws BadInputException naming an unknown metric
     */
    public static Set<MetricChoice> parse(String list) {
        Set<MetricChoice> chosen = new LinkedHashSet<>();
        for (String raw : list.split(",")) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            MetricChoice match = null;
            for (MetricChoice c : values()) {
                if (c.option.equals(name)) {
                    match = c;
                }
            }
            if (match == null) {
                throw new BadInputException("unknown metric '" + raw.trim() + "' in --metrics; choose from " + all());
            }
            chosen.add(match);
        }
        if (chosen.isEmpty()) {
            throw new BadInputException("--metrics is empty; choose from " + all());
        }
        // report in the canonical order, whatever order they were asked in
        Set<MetricChoice> ordered = new LinkedHashSet<>();
        for (MetricChoice c : values()) {
            if (chosen.contains(c)) {
                ordered.add(c);
            }
        }
        return ordered;
    }
}
