package io.github.blip2j.examples.report;

import io.github.blip2j.examples.demo.data.ObjectsFile;
import io.github.blip2j.examples.eval.BadInputException;
import io.github.blip2j.examples.eval.CaptionFiles;
import io.github.blip2j.metrics.analysis.GroundTruthObject;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blip2 report}: the demo's report for any run. Scores each predictions file with every
 * metric and the error analysis and writes {@code report.html} and {@code report.json} into
 * {@code --out}, then prints the metrics table. Exit code 0 on success, 2 on bad input.
 *
 * <pre>
 * blip2 report --predictions beam5=beam.json --predictions topp=topp.tsv \
 *     --references Flickr8k.token.txt --images Flicker8k_Dataset --out report/
 * </pre>
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write report.html (metrics table, loss curve, gallery with error labels) and report.json"
                + " for predicted captions.")
public final class ReportCommand implements Callable<Integer> {

    /** Exit code for unreadable or malformed input. */
    public static final int BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--predictions", required = true, paramLabel = "[NAME[@PHASE]=]FILE",
            description = {"Captions of one strategy: a JSON array of {\"image_id\" or \"image\", \"caption\"}"
                    + " (blip2 eval / blip2 caption --json), a JSON object {image: caption}, or image<TAB>caption"
                    + " lines (blip2 caption). Repeat for each strategy; NAME defaults to the file name, PHASE"
                    + " (before|after) to after."})
    private List<String> predictions;

    @Option(names = "--references", required = true, paramLabel = "REFS",
            description = "Reference captions: a Flickr8k token file (IMAGE#N<TAB>caption) or COCO caption annotations")
    private Path references;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of the images (IMAGE ids are file names in it)")
    private Path images;

    @Option(names = "--objects", paramLabel = "FILE",
            description = "Ground-truth objects per image (objects.json, as the demo writes it): adds object recall,"
                    + " object hallucination and attribute errors")
    private Path objects;

    @Option(names = "--train-log", paramLabel = "FILE", description = "A FineTuner run's train-log.jsonl (or run folder) for the loss curve")
    private Path trainLog;

    @Option(names = "--gallery", paramLabel = "N", defaultValue = "20", description = "Images in the gallery (default: ${DEFAULT-VALUE})")
    private int gallery;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "blip2 caption report", description = "Page title")
    private String title;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Where report.html and report.json go (default: current folder)")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (gallery < 0) {
                throw new IllegalArgumentException("--gallery must be >= 0, got " + gallery);
            }
            ReportData data = build();
            Files.createDirectories(out);
            HtmlReport.write(data, out.resolve("report.html"));
            ReportJson.write(data, out.resolve("report.json"));
            stdout.println(SummaryTable.render(data));
            stdout.println("wrote " + out.resolve("report.html") + " and " + out.resolve("report.json"));
            stdout.flush();
            return 0;
        } catch (IllegalArgumentException | BadInputException | UncheckedIOException | java.io.IOException e) {
            err.println("blip2 report: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }

    private ReportData build() {
        if (!Files.isDirectory(images)) {
            throw new IllegalArgumentException("--images " + images + ": not a folder");
        }
        Map<String, List<String>> refs = CaptionFiles.readReferences(references);
        Map<String, List<GroundTruthObject>> truth = objects == null ? null : ObjectsFile.read(objects);
        ReportEvaluator evaluator = new ReportEvaluator();
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, Map<Phase, StrategyRun>> runs = new LinkedHashMap<>();
        Map<String, List<String>> evaluated = new LinkedHashMap<>();
        for (String spec : predictions) {
            PredictionSpec p = PredictionSpec.parse(spec);
            Map<String, String> preds = PredictionsFile.matchIds(PredictionsFile.read(p.file()), refs.keySet(), p.file());
            if (truth != null) {
                for (String id : preds.keySet()) {
                    if (!truth.containsKey(id)) {
                        throw new IllegalArgumentException(objects + ": no objects for predicted image '" + id + "'");
                    }
                }
            }
            Map<Phase, StrategyRun> phases = runs.computeIfAbsent(p.name(), k -> new EnumMap<>(Phase.class));
            if (phases.containsKey(p.phase())) {
                throw new IllegalArgumentException("--predictions: " + p.name() + "@" + p.phase().key() + " is given twice");
            }
            descriptions.putIfAbsent(p.name(), p.file().getFileName().toString());
            phases.put(p.phase(), evaluator.evaluate(preds, refs, truth));
            preds.keySet().forEach(id -> evaluated.put(id, refs.get(id)));
        }
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        refs.forEach((id, r) -> {
            if (evaluated.containsKey(id)) {
                ordered.put(id, r);
            }
        });
        Map<String, Path> files = new LinkedHashMap<>();
        for (String id : ReportData.firstImages(ordered, gallery)) {
            Path f = images.resolve(id);
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("--images " + images + ": no image file '" + id + "'");
            }
            files.put(id, f);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("references", references.toString());
        info.put("images", images.toString());
        info.put("evaluated images", ordered.size());
        if (objects != null) {
            info.put("objects", objects.toString());
        }
        List<LossPoint> loss = trainLog == null ? new ArrayList<>() : TrainingCurve.read(trainLog);
        return new ReportData(title, descriptions, runs, ordered, files, truth, loss, info,
                ReportData.firstImages(ordered, gallery));
    }

    /** One {@code --predictions} value: {@code [NAME[@PHASE]=]FILE}. */
    record PredictionSpec(String name, Phase phase, Path file) {

        static PredictionSpec parse(String spec) {
            int eq = spec.indexOf('=');
            String label = eq > 0 ? spec.substring(0, eq) : "";
            Path file = Path.of(eq > 0 ? spec.substring(eq + 1) : spec);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--predictions " + spec + ": no such file " + file);
            }
            String name = label;
            Phase phase = Phase.AFTER;
            int at = label.lastIndexOf('@');
            if (at >= 0) {
                name = label.substring(0, at);
                phase = Phase.parse(label.substring(at + 1));
            }
            if (name.isBlank()) {
                String f = file.getFileName().toString();
                int dot = f.lastIndexOf('.');
                name = dot > 0 ? f.substring(0, dot) : f;
            }
            return new PredictionSpec(name, phase, file);
        }
    }
}
