/**
 * The engine behind {@link io.github.blip2j.metrics.CaptionTokenizer}: Stanford PTB tokenizer
 * 3.4.1's lexical rules ({@code ptb-3.4.1.grammar}) compiled to a Thompson NFA over character
 * classes and run as a lazily built DFA with JFlex's longest-match and trailing-context
 * semantics. Implementation detail; only {@link io.github.blip2j.metrics.ptb.PtbLexer} and
 * {@link io.github.blip2j.metrics.ptb.PyText} are public, for the parent package.
 */
package io.github.blip2j.metrics.ptb;
