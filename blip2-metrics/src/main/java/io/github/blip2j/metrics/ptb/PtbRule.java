package io.github.blip2j.metrics.ptb;

/**
 * One lexer rule: {@code pattern}, optionally followed by a {@code trailing} context that must
 * match but is not consumed, and the action on the consumed text.
 */
record PtbRule(String name, Regex pattern, Regex trailing, TokenAction action, String literal, int pushback) {
}
