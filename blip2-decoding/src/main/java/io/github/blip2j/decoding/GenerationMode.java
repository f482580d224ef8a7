package io.github.blip2j.decoding;

/** The decoding algorithm a {@link GenerationConfig} selects, following HF's rules. */
public enum GenerationMode {
    /** {@code num_beams == 1}, {@code do_sample == false}: {@link GreedySearch}. */
    GREEDY,
    /** {@code num_beams == 1}, {@code do_sample == true}: {@link Sampling}. */
    SAMPLE,
    /** {@code num_beams > 1}, {@code num_beam_groups == 1}, no sampling: {@link BeamSearch}. */
    BEAM_SEARCH,
    /** {@code num_beams > 1}, {@code num_beam_groups > 1}: {@link GroupBeamSearch}. */
    GROUP_BEAM_SEARCH,
    /** {@code num_beams > 1} with {@code do_sample}: HF's beam-sample; not implemented here. */
    BEAM_SAMPLE
}
