package io.github.blip2j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.data.Batch;
import io.github.blip2j.core.data.BatchIterator;
import io.github.blip2j.core.data.CaptionDataset;
import io.github.blip2j.core.data.CaptionExample;
import io.github.blip2j.core.data.CaptionRecord;
import io.github.blip2j.core.data.ImageBatchLoader;
import io.github.blip2j.core.generation.Blip2Generation;
import io.github.blip2j.core.generation.GenerationSession;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.text.TextTokenizer;
import io.github.blip2j.decoding.DecodingStrategy;
import io.github.blip2j.decoding.GenerationResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One validation pass: the loss over every (image, caption) pair, then (with a scorer) one caption
 * per image with the chosen decoding, scored against the references. Runs in eval mode (no
 * dropout) without recording gradients; the caller restores the mode.
 */
final class Validator {

    private final Blip2Model model;
    private final CaptionDataset data;
    private final CaptionEncoder encoder;
    private final TextTokenizer tokenizer;
    private final Function<java.awt.image.BufferedImage, float[]> preprocessor;
    private final int height;
    private final int width;
    private final int batchSize;
    private final LossFunction lossFunction;
    private final LoraAdapters lora;
    private final ValidationScorer scorer;
    private final DecodingStrategy decoding;

    /** Everything a pass needs. */
    Validator(Blip2Model model, CaptionDataset data, CaptionEncoder encoder, TextTokenizer tokenizer,
              Function<java.awt.image.BufferedImage, float[]> preprocessor, int height, int width, int batchSize,
              LossFunction lossFunction, LoraAdapters lora, ValidationScorer scorer, DecodingStrategy decoding) {
        this.model = model;
        this.data = data;
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.preprocessor = preprocessor;
        this.height = height;
        this.width = width;
        this.batchSize = batchSize;
        this.lossFunction = lossFunction;
        this.lora = lora;
        this.scorer = scorer;
        this.decoding = decoding;
    }

    /** Metric name to value: {@code loss} and the scorer's metrics. */
    Map<String, Double> run() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss());
        if (scorer != null) {
            Map<String, String> predictions = captions();
            metrics.putAll(scorer.score(predictions, data.references()));
        }
        return metrics;
    }

    private double loss() {
        double weighted = 0;
        long tokens = 0;
        try (ImageBatchLoader<CaptionExample> loader = ImageBatchLoader.forExamples(data.examples())
                .shuffle(false).batchSize(batchSize).preprocessor(preprocessor).build();
                BatchIterator<CaptionExample> it = loader.epoch(0)) {
            while (it.hasNext()) {
                Batch<CaptionExample> b = it.next();
                TrainingBatch tb = encoder.encode(b.items().stream().map(CaptionExample::caption).toList(),
                        b.stacked(), height, width);
                try (NDManager scope = model.manager().newSubManager();
                        LoraAdapters.Swap swap = lora == null ? () -> { } : lora.apply(scope)) {
                    NDArray loss = lossFunction.loss(
                            scope.create(tb.pixels(), new Shape(tb.size(), 3, height, width)),
                            ids(scope, tb.inputIds()), ids(scope, tb.attentionMask()), ids(scope, tb.labels()));
                    weighted += loss.getFloat() * (double) tb.tokens();
                    tokens += tb.tokens();
                }
            }
        }
        return tokens == 0 ? Double.NaN : weighted / tokens;
    }

    private Map<String, String> captions() {
        Map<String, String> out = new LinkedHashMap<>();
        try (ImageBatchLoader<CaptionRecord> loader = ImageBatchLoader.forRecords(data.records())
                        .batchSize(batchSize).preprocessor(preprocessor).build();
                BatchIterator<CaptionRecord> it = loader.epoch(0)) {
            while (it.hasNext()) {
                Batch<CaptionRecord> b = it.next();
                try (NDManager scope = model.manager().newSubManager();
                        LoraAdapters.Swap swap = lora == null ? () -> { } : lora.apply(scope)) {
                    NDArray pixels = scope.create(b.stacked(), new Shape(b.size(), 3, height, width));
                    // The prefix is computed stage by stage, so frozen FLOAT16 stages (mixed precision) work too.
                    NDArray prefix = MixedPrecision.prefix(model, pixels);
                    try (GenerationSession s = Blip2Generation.startFromPrefix(model, prefix, encoder.prompts(b.size()))) {
                        int[] lead = new int[b.size()];
                        java.util.Arrays.fill(lead, s.leadingTokenId());
                        GenerationResult r = decoding.generate(s, lead);
                        for (int i = 0; i < b.size(); i++) {
                            int[] t = r.best(i).tokens();
                            long[] ids = new long[t.length];
                            for (int j = 0; j < t.length; j++) {
                                ids[j] = t[j];
                            }
                            out.put(b.items().get(i).imageId(), tokenizer.decode(ids, true).trim());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static NDArray ids(NDManager m, long[][] rows) {
        return m.create(TrainingBatch.flat(rows), new Shape(rows.length, rows[0].length));
    }
}
