package io.github.blip2j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

class DTypesTest {

    @Test
    void bfloat16IsMappedToFloat32AndOtherFloatsPassThrough() {
        assertThat(DTypes.engineSafe(DataType.BFLOAT16)).isEqualTo(DataType.FLOAT32);
        assertThat(DTypes.engineSafe(DataType.FLOAT16)).isEqualTo(DataType.FLOAT16);
        assertThat(DTypes.engineSafe(DataType.FLOAT32)).isEqualTo(DataType.FLOAT32);
        assertThatThrownBy(() -> DTypes.engineSafe(DataType.INT32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INT32");
        assertThatThrownBy(() -> DTypes.engineSafe(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bfloat16NeverPassesTheGuard() {
        assertThatThrownBy(() -> DTypes.requireEngineSafe(DataType.BFLOAT16, "weights of x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights of x")
                .hasMessageContaining("abort");
        assertThatThrownBy(() -> DTypes.requireEngineSafe(DataType.UINT16, "y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DTypes.requireEngineSafe(DataType.FLOAT16, "z")).isEqualTo(DataType.FLOAT16);
    }

    @Test
    void parsesTheNamesUsersAndConfigsUse() {
        assertThat(DTypes.parse("torch.bfloat16")).isEqualTo(DataType.BFLOAT16);
        assertThat(DTypes.parse("FP16")).isEqualTo(DataType.FLOAT16);
        assertThat(DTypes.parse(" float32 ")).isEqualTo(DataType.FLOAT32);
        assertThat(DTypes.parse("half")).isEqualTo(DataType.FLOAT16);
        assertThatThrownBy(() -> DTypes.parse("int4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'int4'");
    }

    @Test
    void safetensorsNamesAndSizes() {
        assertThat(DTypes.byteSize("BF16")).isEqualTo(2);
        assertThat(DTypes.byteSize("F64")).isEqualTo(8);
        assertThat(DTypes.loadedType("BF16")).isEqualTo(DataType.FLOAT32);
        assertThat(DTypes.toSafetensors(DataType.FLOAT16)).isEqualTo("F16");
        assertThatThrownBy(() -> DTypes.toSafetensors(DataType.BFLOAT16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DTypes.byteSize("Q4")).hasMessageContaining("'Q4'");
    }

    @Test
    void halfToFloatAgreesWithLibtorchOnAll65536Patterns() {
        ByteBuffer all = ByteBuffer.allocateDirect(65536 * 2).order(ByteOrder.nativeOrder());
        for (int i = 0; i < 65536; i++) {
            all.putShort(i * 2, (short) i);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray half = m.create(all, new Shape(65536), DataType.FLOAT16);
            float[] engine = half.toType(DataType.FLOAT32, true).toFloatArray();
            for (int i = 0; i < 65536; i++) {
                float ours = DTypes.halfToFloat((short) i);
                if (Float.isNaN(engine[i])) {
                    assertThat(ours).as("pattern %04x", i).isNaN();
                } else {
                    assertThat(Float.floatToRawIntBits(ours)).as("pattern %04x", i)
                            .isEqualTo(Float.floatToRawIntBits(engine[i]));
                }
            }
        }
    }
}
