package io.github.blip2j.examples.demo;

import io.github.blip2j.core.train.TrainingResult;
import io.github.blip2j.examples.report.ReportData;
import java.nio.file.Path;

/**
 * What a demo run produced.
 *
 * @param report   every score, caption and label (what the report files hold)
 * @param html     {@code report.html}
 * @param json     {@code report.json}
 * @param training the fine-tuning run
 * @param seconds  wall time of the whole pipeline
 */
public record DemoResult(ReportData report, Path html, Path json, TrainingResult training, double seconds) {
}
