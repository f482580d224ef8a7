package io.github.blip2j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The tokenized images of one evaluation, in evaluation order. Scores that depend on the whole set
 * (CIDEr's document frequencies, Self-BLEU, Distinct-n) are computed over exactly these images.
 */
public final class TokenizedCorpus {

    private final List<TokenizedImage> images;
    private final int ngramCount;

    private TokenizedCorpus(List<TokenizedImage> images, int ngramCount) {
        this.images = Collections.unmodifiableList(images);
        this.ngramCount = ngramCount;
    }

    /**
     * Builds a corpus from captions that are already tokenized (for instance by
     * {@link CaptionTokenizer}); lists are parallel and in evaluation order.
     *
     * @throws IllegalArgumentException if the lists differ in length, or an image has no reference
     *     or a null caption (the message names the image id)
     */
    public static TokenizedCorpus of(List<String> imageIds, List<String> candidates, List<List<String>> references) {
        return of(imageIds, candidates, references, Parallelism.available());
    }

    /** As {@link #of(List, List, List)}, counting n-grams with the given parallelism. */
    public static TokenizedCorpus of(List<String> imageIds, List<String> candidates, List<List<String>> references,
            Parallelism parallelism) {
        if (imageIds.size() != candidates.size() || imageIds.size() != references.size()) {
            throw new IllegalArgumentException("imageIds, candidates and references must have the same size, got "
                    + imageIds.size() + ", " + candidates.size() + " and " + references.size());
        }
        int n = imageIds.size();
        long chars = 0;
        int captions = 0;
        for (int i = 0; i < n; i++) {
            String id = imageIds.get(i);
            if (candidates.get(i) == null) {
                throw new IllegalArgumentException("image " + id + ": candidate caption is null");
            }
            List<String> refs = references.get(i);
            if (refs == null || refs.isEmpty()) {
                throw new IllegalArgumentException("image " + id + ": no reference captions");
            }
            for (int r = 0; r < refs.size(); r++) {
                if (refs.get(r) == null) {
                    throw new IllegalArgumentException("image " + id + ": reference " + r + " is null");
                }
                chars += refs.get(r).length();
            }
            chars += candidates.get(i).length();
            captions += refs.size() + 1;
        }
        // ids first, in two passes over all captions (the index is not thread-safe) ...
        NGramIndex index = new NGramIndex((int) Math.min(1 << 24, chars / 4));
        int[][][] words = new int[captions][][];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (String ref : references.get(i)) {
                words[at++] = index.words(ref);
            }
            words[at++] = index.words(candidates.get(i));
        }
        int[][][] grams = new int[captions][][];
        for (int c = 0; c < captions; c++) {
            grams[c] = index.ngrams(words[c][0]);
        }
        // ... then the per-caption n-gram counts, in parallel
        EncodedCaption[] encoded = new EncodedCaption[captions];
        parallelism.forRanges(captions, 256, (from, to) -> {
            for (int c = from; c < to; c++) {
                int[] spaced = words[c][1] != null ? words[c][1] : words[c][0];
                encoded[c] = new EncodedCaption(words[c][0].length, grams[c], spaced);
            }
        });
        List<TokenizedImage> images = new ArrayList<>(n);
        at = 0;
        for (int i = 0; i < n; i++) {
            List<String> refs = references.get(i);
            List<EncodedCaption> encodedRefs = new ArrayList<>(refs.size());
            for (int r = 0; r < refs.size(); r++) {
                encodedRefs.add(encoded[at++]);
            }
            images.add(new TokenizedImage(i, imageIds.get(i), candidates.get(i), refs, encoded[at++], encodedRefs));
        }
        return new TokenizedCorpus(images, index.ngramCount());
    }

    public List<TokenizedImage> images() {
        return images;
    }

    public int size() {
        return images.size();
    }

    /** Number of distinct n-gram ids in this corpus (ids are {@code 0..ngramCount()-1}). */
    int ngramCount() {
        return ngramCount;
    }
}
