/**
 * Model resolution like the Python {@code huggingface_hub} client: a local directory, the Hugging
 * Face cache ({@code $HF_HOME/hub/models--org--name/snapshots/REV}), or a download from
 * {@code $HF_ENDPOINT} into that cache with resume, checksum verification and atomic placement.
 * Entry point: {@link io.github.blip2j.core.hub.ModelResolver}.
 */
package io.github.blip2j.core.hub;
