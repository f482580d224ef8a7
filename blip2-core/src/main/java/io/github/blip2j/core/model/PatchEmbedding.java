package io.github.blip2j.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import io.github.blip2j.core.config.VisionConfig;

/**
 * ViT input embedding ({@code Blip2VisionEmbeddings}): a stride-{@code patch} convolution, patches
 * flattened row-major, the class token prepended, then the full position table added (no
 * interpolation, so the image size must equal the config's).
 */
public final class PatchEmbedding {

    private final VisionConfig config;
    private final ModelParameter classEmbedding;
    private final ModelParameter patchWeight;
    private final ModelParameter patchBias;
    private final ModelParameter positionEmbedding;

    public PatchEmbedding(ParameterScope scope, VisionConfig config) {
        this.config = config;
        int d = config.hiddenSize();
        int p = config.patchSize();
        this.classEmbedding = scope.param("class_embedding", ParameterKind.EMBEDDING, 1, 1, d);
        ParameterScope patch = scope.child("patch_embedding");
        this.patchWeight = patch.param("weight", ParameterKind.WEIGHT, d, 3, p, p);
        this.patchBias = patch.param("bias", ParameterKind.BIAS, d);
        this.positionEmbedding =
                scope.param("position_embedding", ParameterKind.EMBEDDING, 1, config.numPositions(), d);
    }

    /**
     * @param pixelValues {@code (B, 3, image_size, image_size)} normalised pixels
     * @return {@code (B, 1 + patches, hidden)}
     * @throws IllegalArgumentException if the pixel shape does not match the config
     */
    public NDArray forward(NDArray pixelValues) {
        Shape s = pixelValues.getShape();
        int size = config.imageSize();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != size || s.get(3) != size) {
            throw new IllegalArgumentException("pixel_values: expected shape (B, 3, " + size + ", " + size
                    + ") for vision_config.image_size " + size + ", got " + s);
        }
        long b = s.get(0);
        int d = config.hiddenSize();
        int p = config.patchSize();
        NDArray conv = pixelValues.getNDArrayInternal()
                .convolution(pixelValues, patchWeight.array(), patchBias.array(), new Shape(p, p), new Shape(0, 0),
                        new Shape(1, 1), 1)
                .singletonOrThrow();
        NDArray patches = conv.reshape(b, d, config.numPatches()).transpose(0, 2, 1);
        NDArray cls = Scoped.like(classEmbedding.array().broadcast(b, 1, d), patches);
        return NDArrays.concat(new NDList(cls, patches), 1).add(positionEmbedding.array());
    }
}
