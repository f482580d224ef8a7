package io.github.blip2j.examples.caption;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.blip2j.core.Caption;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Prints captions: tab-separated {@code image<TAB>caption} lines as they come, or, with
 * {@code --json}, one JSON array at the end with an object per input and returned sequence:
 * {@code {"image", "caption", "token_ids", "score"}}.
 */
final class CaptionOutput {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final ArrayNode array;

    CaptionOutput(PrintWriter out, boolean json) {
        this.out = out;
        this.array = json ? JSON.createArrayNode() : null;
    }

    void add(String image, Caption caption) {
        if (array == null) {
            out.println(image + "\t" + caption.text());
            out.flush();
            return;
        }
        ObjectNode o = array.addObject();
        o.put("image", image);
        o.put("caption", caption.text());
        ArrayNode ids = o.putArray("token_ids");
        for (int id : caption.tokenIds()) {
            ids.add(id);
        }
        o.put("score", caption.score());
    }

    void finish() {
        if (array != null) {
            try {
                out.println(JSON.writeValueAsString(array));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.flush();
    }
}
