package io.github.blip2j.examples.demo;

import io.github.blip2j.examples.report.SummaryTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blip2 demo}: the whole story on generated data (see {@link DemoPipeline}), then the
 * metrics table and the learning bars on the console. Exit code 0, or 1 with {@code --check} when
 * a learning bar fails.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a shapes captioning data set, fine-tune a small BLIP-2 on it, caption the test split"
                + " with beam search, top-k and top-p sampling before and after training, score everything and write"
                + " report.html and report.json."})
public final class DemoCommand implements Callable<Integer> {

    /** PyTorch's intra-op thread count property; DJL reads it when the engine starts. */
    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "blip2-demo",
            description = "Folder for the data, models, run and report (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--quick", description = "A one-minute toy run of the same pipeline (tests and CI); it does not learn much")
    private boolean quick;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of everything (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: 9, or 1 with --quick)")
    private Integer epochs;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = {"PyTorch intra-op threads (default: ${DEFAULT-VALUE}, the two cores the demo is sized for;"
                    + " a training step takes ~17% less time than with 1). Use 1 on a machine whose cores are busy:"
                    + " libtorch's thread pool waits on descheduled threads. The numbers in the README are for 2."})
    private int threads;

    @Option(names = "--check", description = "Exit with 1 when a learning bar fails")
    private boolean check;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        // Must happen before anything starts the PyTorch engine; an explicit -D wins.
        if (System.getProperty(THREADS_PROPERTY) == null) {
            System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
        }
        PrintWriter console = spec.commandLine().getOut();
        DemoSettings settings = quick ? DemoSettings.quick(out, seed) : DemoSettings.full(out, seed);
        if (epochs != null) {
            settings = settings.withEpochs(epochs);
        }
        DemoResult result = new DemoPipeline(settings, console, List.of(ProgressBar.console(console))).run();
        console.println();
        console.println(SummaryTable.render(result.report()));
        console.println();
        List<LearningCheck.Bar> bars = LearningCheck.evaluate(result.report());
        bars.forEach(console::println);
        console.printf("%nreport: %s%n        %s%nfinished in %s%n", result.html().toAbsolutePath(),
                result.json().toAbsolutePath(), ProgressBar.duration(Math.round(result.seconds())));
        console.flush();
        boolean passed = bars.stream().allMatch(LearningCheck.Bar::passed);
        return check && !passed ? 1 : 0;
    }
}
