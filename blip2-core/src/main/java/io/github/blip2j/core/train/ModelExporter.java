package io.github.blip2j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.blip2j.core.io.SafetensorsReader;
import io.github.blip2j.core.io.SafetensorsWriter;
import io.github.blip2j.core.model.Blip2Model;
import io.github.blip2j.core.model.ModelParameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a fine-tuned model as a Hugging Face folder that {@code Blip2Model.load} and
 * {@code Blip2ForConditionalGeneration.from_pretrained} read: {@code config.json},
 * {@code model.safetensors} (every distinct tensor under its Hugging Face name; tied aliases omitted,
 * as {@code save_pretrained} does), and the tokenizer, image processor and generation files of the
 * source model. LoRA adapters are merged into the exported weights, and also written in PEFT's
 * layout to {@code lora-adapter/} ({@code adapter_model.safetensors} + {@code adapter_config.json}).
 *
 * <p>Frozen weights that were cast to float16 for mixed-precision training are exported from the
 * source checkpoint in float32 (nothing is lost to the cast). The folder is assembled under a
 * temporary name and renamed into place.
 */
final class ModelExporter {

    /** Files copied from the source model folder when present. */
    static final List<String> SIDE_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "spiece.model", "vocab.json", "merges.txt", "added_tokens.json",
            "preprocessor_config.json", "processor_config.json", "generation_config.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelExporter() {}

    /**
     * @param sourceDir the folder the model came from (config.json required)
     * @param reloadFrozen whether frozen weights are re-read from the source checkpoint in float32
     * @param lora the run's adapters, or {@code null}
     */
    static Path export(Blip2Model model, Path sourceDir, Path outDir, boolean reloadFrozen, LoraAdapters lora) {
        Path config = sourceDir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("cannot export to " + outDir + ": the source folder " + sourceDir
                    + " has no config.json");
        }
        Path tmp = outDir.resolveSibling(outDir.getFileName() + ".tmp-" + System.nanoTime());
        try (NDManager scope = model.manager().newSubManager()) {
            Files.createDirectories(tmp);
            Files.copy(config, tmp.resolve("config.json"));
            for (String f : SIDE_FILES) {
                Path src = sourceDir.resolve(f);
                if (Files.isRegularFile(src)) {
                    Files.copy(src, tmp.resolve(f));
                }
            }
            Set<String> loraTargets = lora == null || lora.isMerged() ? Set.of() : Set.copyOf(lora.targetNames());
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            SafetensorsReader source = reloadFrozen || !loraTargets.isEmpty() ? SafetensorsReader.open(sourceDir) : null;
            try {
                for (ModelParameter p : model.parameters().all()) {
                    NDArray value = p.array();
                    boolean fromSource = source != null && !p.isTrainable() && source.contains(p.name())
                            && (reloadFrozen || loraTargets.contains(p.name()));
                    if (fromSource) {
                        value = source.load(p.name(), scope, DataType.FLOAT32);
                    }
                    if (loraTargets.contains(p.name())) {
                        value = lora.mergedCopy(p.name(), value, scope);
                    }
                    tensors.put(p.name(), value);
                }
            } finally {
                if (source != null) {
                    source.close();
                }
            }
            SafetensorsWriter.write(tmp.resolve(SafetensorsReader.SINGLE_FILE), tensors, Map.of("format", "pt"));
            if (lora != null) {
                writeAdapter(lora, tmp.resolve("lora-adapter"), sourceDir);
            }
            replace(tmp, outDir);
            return outDir;
        } catch (IOException e) {
            CheckpointStore.deleteTree(tmp);
            throw new UncheckedIOException("cannot export the model to " + outDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            CheckpointStore.deleteTree(tmp);
            throw e;
        }
    }

    private static void writeAdapter(LoraAdapters lora, Path dir, Path sourceDir) throws IOException {
        Files.createDirectories(dir);
        SafetensorsWriter.write(dir.resolve("adapter_model.safetensors"), lora.peftTensors(), Map.of("format", "pt"));
        LoraSettings s = lora.settings();
        ObjectNode c = JSON.createObjectNode();
        c.put("peft_type", "LORA");
        c.put("base_model_name_or_path", sourceDir.toString());
        c.put("r", s.rank());
        c.put("lora_alpha", s.alpha());
        c.put("lora_dropout", s.dropout());
        c.put("bias", "none");
        c.put("fan_in_fan_out", false);
        c.put("inference_mode", true);
        c.putNull("task_type");
        var targets = c.putArray("target_modules");
        s.targetModules().forEach(targets::add);
        Files.write(dir.resolve("adapter_config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(c));
    }

    /** Moves {@code tmp} to {@code target}, replacing an existing folder. */
    static void replace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling(target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            CheckpointStore.deleteTree(old);
        }
    }
}
