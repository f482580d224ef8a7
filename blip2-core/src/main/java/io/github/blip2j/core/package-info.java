/** core. */
package io.github.blip2j.core;
