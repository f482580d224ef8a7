/** decoding. */
package io.github.blip2j.decoding;
