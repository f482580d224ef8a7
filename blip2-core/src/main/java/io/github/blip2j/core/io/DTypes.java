package io.github.blip2j.core.io;

import ai.djl.ndarray.types.DataType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Data type names and the guard that keeps BFLOAT16 away from the native engine.
 *
 * <p><b>Why the guard exists.</b> DJL 0.36's PyTorch JNI passes a {@link DataType} to libtorch as
 * its {@code ordinal()}, and the native {@code utils::GetScalarTypeFromDType} only knows ordinals
 * 0..8 (FLOAT32 ... COMPLEX64). {@code BFLOAT16} is ordinal 11, so it falls into the {@code default}
 * branch, which is a bare {@code throw;} with no exception in flight: C++ calls {@code
 * std::terminate} ("terminate called without an active exception") and the JVM dies. Every call
 * that carries a dtype hits it ({@code NDManager.create(buffer, shape, BFLOAT16)}, {@code
 * toType(BFLOAT16)}, {@code zeros}, {@code ones}, ...). The reverse mapping is broken too: a bf16
 * tensor produced natively reports dtype ordinal 8, i.e. {@code COMPLEX64}. No Java exception can
 * be caught, so the only safe path is to never hand {@code BFLOAT16} to the engine: bf16 data is
 * widened to float32 in Java (exact: a bf16 value is the upper half of a float32), and a requested
 * bf16 compute type is mapped with {@link #engineSafe(DataType)}.
 */
public final class DTypes {

    private static final Logger LOG = LoggerFactory.getLogger(DTypes.class);
    private static final AtomicBoolean WARNED_BF16 = new AtomicBoolean();

    private static final Map<String, Integer> SAFETENSORS_SIZES =
            Map.ofEntries(
                    Map.entry("BOOL", 1),
                    Map.entry("U8", 1),
                    Map.entry("I8", 1),
                    Map.entry("F8_E5M2", 1),
                    Map.entry("F8_E4M3", 1),
                    Map.entry("I16", 2),
                    Map.entry("U16", 2),
                    Map.entry("F16", 2),
                    Map.entry("BF16", 2),
                    Map.entry("I32", 4),
                    Map.entry("U32", 4),
                    Map.entry("F32", 4),
                    Map.entry("F64", 8),
                    Map.entry("I64", 8),
                    Map.entry("U64", 8));

    private DTypes() {}

    /** True if {@code dtype} is a dtype name of the safetensors format. */
    public static boolean isKnown(String dtype) {
        return dtype != null && SAFETENSORS_SIZES.containsKey(dtype);
    }

    /**
     * Bytes per element of a safetensors dtype.
     *
     * @throws IllegalArgumentException for a name the format does not define
     */
    public static int byteSize(String dtype) {
        Integer size = dtype == null ? null : SAFETENSORS_SIZES.get(dtype);
        if (size == null) {
            throw new IllegalArgumentException(
                    "unknown safetensors dtype '" + dtype + "', expected one of "
                            + new java.util.TreeSet<>(SAFETENSORS_SIZES.keySet()));
        }
        return size;
    }

    /**
     * The DJL type a stored tensor becomes when loaded at its own precision: BF16 becomes FLOAT32
     * (exact), every other supported dtype maps to its DJL twin.
     *
     * @throws IllegalArgumentException for dtypes the engine cannot hold (U16, U32, U64, F8_*, I16)
     */
    public static DataType loadedType(String dtype) {
        switch (dtype) {
            case "F32":
            case "BF16":
                return DataType.FLOAT32;
            case "F16":
                return DataType.FLOAT16;
            case "F64":
                return DataType.FLOAT64;
            case "I64":
                return DataType.INT64;
            case "I32":
                return DataType.INT32;
            case "I8":
                return DataType.INT8;
            case "U8":
                return DataType.UINT8;
            case "BOOL":
                return DataType.BOOLEAN;
            default:
                throw new IllegalArgumentException(
                        "safetensors dtype " + dtype + " cannot be loaded into a DJL NDArray;"
                                + " supported: F32, F16, BF16, F64, I64, I32, I8, U8, BOOL");
        }
    }

    /**
     * The safetensors name of a DJL type that {@link SafetensorsWriter} can write.
     *
     * @throws IllegalArgumentException for BFLOAT16 (never reaches a DJL array) and non-numeric types
     */
    public static String toSafetensors(DataType type) {
        switch (type) {
            case FLOAT32:
                return "F32";
            case FLOAT16:
                return "F16";
            case FLOAT64:
                return "F64";
            case INT64:
                return "I64";
            case INT32:
                return "I32";
            case INT8:
                return "I8";
            case UINT8:
                return "U8";
            case BOOLEAN:
                return "BOOL";
            default:
                throw new IllegalArgumentException(
                        "cannot write DJL data type " + type.name() + " to safetensors;"
                                + " supported: FLOAT32, FLOAT16, FLOAT64, INT64, INT32, INT8, UINT8, BOOLEAN");
        }
    }

    /**
     * Maps a requested floating-point compute type to one the engine can safely hold.
     *
     * <p>FLOAT32, FLOAT16 and FLOAT64 pass through. BFLOAT16 becomes FLOAT32 (logged once as a
     * warning), because DJL 0.36 aborts the JVM on any bf16 array (see the class comment).
     *
     * @param requested the type a user asked for, e.g. from {@code Captioner.builder().dtype(..)}
     * @return a type that is safe to pass to {@code NDManager.create} / {@code toType}
     * @throws IllegalArgumentException if {@code requested} is null or not a floating type
     */
    public static DataType engineSafe(DataType requested) {
        if (requested == DataType.BFLOAT16) {
            if (WARNED_BF16.compareAndSet(false, true)) {
                LOG.warn(
                        "dtype BFLOAT16 is not supported by the DJL 0.36 PyTorch engine (it aborts the"
                                + " JVM); computing in FLOAT32 instead");
            }
            return DataType.FLOAT32;
        }
        if (requested == DataType.FLOAT32
                || requested == DataType.FLOAT16
                || requested == DataType.FLOAT64) {
            return requested;
        }
        throw new IllegalArgumentException(
                "dtype " + (requested == null ? "null" : requested.name()) + " is not a supported compute type;"
                        + " allowed: FLOAT32, FLOAT16, FLOAT64, BFLOAT16 (computed as FLOAT32)");
    }

    /**
     * Throws instead of letting a type reach the engine that would abort the JVM.
     *
     * @param type the type about to be passed to DJL
     * @param what what the type is for, used in the message (e.g. "target dtype of tensor x")
     * @return {@code type}, for chaining
     * @throws IllegalArgumentException for null, BFLOAT16, UNKNOWN, STRING and the unsigned
     *     16/32/64-bit types (which the JNI maps to nothing either)
     */
    public static DataType requireEngineSafe(DataType type, String what) {
        if (type == null) {
            throw new IllegalArgumentException(what + ": data type is null");
        }
        switch (type) {
            case FLOAT32:
            case FLOAT64:
            case FLOAT16:
            case UINT8:
            case INT32:
            case INT8:
            case INT64:
            case BOOLEAN:
                return type;
            case BFLOAT16:
                throw new IllegalArgumentException(
                        what + ": BFLOAT16 arrays abort the JVM with the DJL 0.36 PyTorch engine;"
                                + " use DTypes.engineSafe(BFLOAT16) (= FLOAT32) or FLOAT16");
            default:
                throw new IllegalArgumentException(
                        what + ": data type " + type.name() + " is not supported by the PyTorch engine");
        }
    }

    /**
     * Parses a dtype name as users and configs write it: {@code float32 / fp32 / f32 / float},
     * {@code float16 / fp16 / f16 / half}, {@code bfloat16 / bf16}, {@code float64 / fp64 / double},
     * with an optional {@code torch.} prefix (as in {@code config.json -> torch_dtype}).
     * Case-insensitive. Returns the type as requested (BFLOAT16 stays BFLOAT16; pass it through
     * {@link #engineSafe(DataType)} before use).
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static DataType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("torch.")) {
            n = n.substring("torch.".length());
        }
        switch (n) {
            case "float32":
            case "fp32":
            case "f32":
            case "float":
                return DataType.FLOAT32;
            case "float16":
            case "fp16":
            case "f16":
            case "half":
                return DataType.FLOAT16;
            case "bfloat16":
            case "bf16":
                return DataType.BFLOAT16;
            case "float64":
            case "fp64":
            case "f64":
            case "double":
                return DataType.FLOAT64;
            default:
                throw new IllegalArgumentException(
                        "dtype '" + name + "' is not recognised; allowed: float32 (fp32), float16"
                                + " (fp16, half), bfloat16 (bf16), float64");
        }
    }

    /** Widens bf16 bits to the float32 they denote (exact). */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** Converts IEEE half-precision bits to float32 (exact, including subnormals, inf and NaN). */
    public static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // Subnormal half: value = mant * 2^-24, exactly representable as a normal float.
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
