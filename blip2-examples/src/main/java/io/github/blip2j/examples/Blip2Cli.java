package io.github.blip2j.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code blip2} command line: {@code demo | caption | train | eval | report}. */
@Command(name = "blip2", mixinStandardHelpOptions = true, version = "blip2 0.1.0-SNAPSHOT",
        description = "BLIP-2 image captioning on the JVM.",
        subcommands = {io.github.blip2j.examples.caption.CaptionCommand.class,
                io.github.blip2j.examples.eval.EvalCommand.class,
                io.github.blip2j.examples.train.TrainCommand.class,
                io.github.blip2j.examples.demo.DemoCommand.class,
                io.github.blip2j.examples.report.ReportCommand.class})
public final class Blip2Cli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        int code;
        if (args.length > 0 && args[0].equals("eval")) {
            // start-up: build only the eval command's model, not every subcommand's (about 0.15 s)
            code = new CommandLine(new io.github.blip2j.examples.eval.EvalCommand()).setCommandName("blip2 eval")
                    .execute(java.util.Arrays.copyOfRange(args, 1, args.length));
        } else {
            code = new CommandLine(new Blip2Cli()).execute(args);
        }
        System.exit(code);
    }
}
