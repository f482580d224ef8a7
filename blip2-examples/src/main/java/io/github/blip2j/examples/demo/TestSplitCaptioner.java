package io.github.blip2j.examples.demo;

import io.github.blip2j.core.Caption;
import io.github.blip2j.core.Captioner;
import io.github.blip2j.core.data.CaptionRecord;
import io.github.blip2j.core.image.BlipImageProcessor;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.text.TextTokenizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Captions a list of images with each demo strategy through {@link Captioner}, loading the model
 * folder once for all strategies.
 */
final class TestSplitCaptioner {

    private final int batchSize;

    TestSplitCaptioner(int batchSize) {
        this.batchSize = batchSize;
    }

    /** Strategy name to (image id to caption), in the order of {@code strategies} and {@code images}. */
    Map<String, Map<String, String>> caption(Path modelDir, List<DemoStrategy> strategies, List<CaptionRecord> images,
                                             long seed) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        List<Path> files = images.stream().map(CaptionRecord::imagePath).toList();
        try (Blip2Model model = Blip2Model.load(modelDir); TextTokenizer tokenizer = TextTokenizer.load(modelDir)) {
            BlipImageProcessor processor = BlipImageProcessor.fromConfig(modelDir);
            for (DemoStrategy s : strategies) {
                try (Captioner captioner = Captioner.builder().model(model).tokenizer(tokenizer).imageProcessor(processor)
                        .decoding(s.config()).seed(seed).batchSize(batchSize).build()) {
                    List<Caption> captions = captioner.caption(files);
                    Map<String, String> byImage = new LinkedHashMap<>();
                    for (int i = 0; i < images.size(); i++) {
                        byImage.put(images.get(i).imageId(), captions.get(i).text().strip());
                    }
                    out.put(s.name(), byImage);
                }
            }
        }
        return out;
    }
}
