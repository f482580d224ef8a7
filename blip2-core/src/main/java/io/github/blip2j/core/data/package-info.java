/**
 * Captioning data sets: readers, splits and batching.
 *
 * <ul>
 *   <li>{@link io.github.blip2j.core.data.CaptionDataset} reads Flickr8k token files, Karpathy's split
 *       JSON, the seed's {@code image,caption} CSV and COCO captions JSON into
 *       {@link io.github.blip2j.core.data.CaptionRecord}s (one per image, all its captions), with
 *       optional BLIP-style {@link io.github.blip2j.core.data.CaptionCleaner caption cleaning}.</li>
 *   <li>Bad input: a malformed row is reported as {@code file:line: what was expected}, a missing or
 *       undecodable image by its path; {@link io.github.blip2j.core.data.BadRowPolicy#FAIL} (default)
 *       throws a {@link io.github.blip2j.core.data.DatasetException} listing them all,
 *       {@link io.github.blip2j.core.data.BadRowPolicy#SKIP} drops them and counts them in the
 *       {@link io.github.blip2j.core.data.DatasetReport} for the training log.</li>
 *   <li>Splits are seeded and <b>grouped by image</b>
 *       ({@link io.github.blip2j.core.data.CaptionDataset#split(double, double, long)}): an image and
 *       all of its captions land in exactly one of train/validation/test. The seed project split the
 *       caption rows instead, so most test images had also been trained on (with other captions),
 *       which leaks images between train and test and overstates test scores.</li>
 *   <li>{@link io.github.blip2j.core.data.ImageBatchLoader} decodes and preprocesses images on
 *       background threads, a few batches ahead, in an order fixed by seed and epoch so that runs are
 *       reproducible and resumable mid-epoch.</li>
 * </ul>
 */
package io.github.blip2j.core.data;
