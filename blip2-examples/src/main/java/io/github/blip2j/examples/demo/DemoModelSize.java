package io.github.blip2j.examples.demo;

/**
 * The dimensions of the demo's small BLIP-2: a ViT, a Q-Former and a T5 encoder-decoder, each a few
 * layers wide enough to learn the demo's shapes on two CPU cores. Every field is an ordinary
 * Hugging Face config value, so the written {@code config.json} loads like any BLIP-2 checkpoint.
 *
 * @param imageSize         the vision tower's input edge in pixels (images are resized to it)
 * @param patchSize         ViT patch edge in pixels
 * @param visionHidden      ViT width
 * @param visionLayers      ViT layers
 * @param visionHeads       ViT attention heads
 * @param qformerHidden     Q-Former width
 * @param qformerLayers     Q-Former layers (each with cross-attention to the image)
 * @param qformerHeads      Q-Former attention heads
 * @param queryTokens       learned query tokens
 * @param textHidden        T5 {@code d_model}
 * @param textLayers        T5 encoder layers and decoder layers (each)
 * @param textHeads         T5 attention heads ({@code d_kv = textHidden / textHeads})
 */
public record DemoModelSize(int imageSize, int patchSize, int visionHidden, int visionLayers, int visionHeads,
                            int qformerHidden, int qformerLayers, int qformerHeads, int queryTokens,
                            int textHidden, int textLayers, int textHeads) {

    /**
     * The size the full demo trains: the 64 px images upsampled to 96 px and cut into 32 px patches,
     * so the ViT's 3 x 3 patch grid is the scenes' 3 x 3 layout grid and each patch token sees one
     * object whole at full resolution (48 px inputs, which lose detail, and smaller patches did worse;
     * 63 px / 21 px patches, one cell each without upsampling, learnt no better; 16 px patches cost
     * three times as much per step for no gain; a 64-wide model learnt as fast per step but saved only
     * a quarter of the time);
     * Q-Former with 12 queries for at most 4 objects; a T5 of two encoder and two decoder layers,
     * 128 wide, for a vocabulary of a few dozen words.
     */
    public static final DemoModelSize DEFAULT = new DemoModelSize(96, 32, 128, 2, 4, 128, 2, 4, 12, 128, 2, 4);
    /** A smaller model for {@code --quick}: the pipeline's shape, not its quality. */
    public static final DemoModelSize QUICK = new DemoModelSize(48, 16, 48, 1, 4, 48, 1, 4, 9, 64, 1, 4);

    public DemoModelSize {
        positive("imageSize", imageSize);
        positive("patchSize", patchSize);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("imageSize must be a multiple of patchSize " + patchSize + ", got " + imageSize);
        }
        divisible("visionHidden", visionHidden, visionHeads);
        positive("visionLayers", visionLayers);
        divisible("qformerHidden", qformerHidden, qformerHeads);
        positive("qformerLayers", qformerLayers);
        positive("queryTokens", queryTokens);
        divisible("textHidden", textHidden, textHeads);
        positive("textLayers", textLayers);
    }

    private static void positive(String field, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, got " + v);
        }
    }

    private static void divisible(String field, int v, int heads) {
        positive(field, v);
        positive(field + " heads", heads);
        if (v % heads != 0) {
            throw new IllegalArgumentException(field + " must be a multiple of its head count " + heads + ", got " + v);
        }
    }
}
