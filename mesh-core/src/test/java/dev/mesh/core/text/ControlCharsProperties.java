package dev.mesh.core.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Whatever a host sends, what is shown holds no character that steers a terminal. */
class ControlCharsProperties {

    @Property(tries = 2000)
    void displayedTextHoldsNoControlCharacter(@ForAll String text) {
        String shown = DisplayText.of(text);
        assertTrue(ControlChars.isClean(shown, true), shown);
        assertTrue(shown.length() <= DisplayText.MAX_CHARS + 64, "capped");
        String inline = DisplayText.inline(text);
        assertTrue(ControlChars.isClean(inline, false) && inline.indexOf('\n') < 0, inline);
    }

    @Property(tries = 1000)
    void cleanTextIsLeftAsItIs(@ForAll String text) {
        if (ControlChars.isClean(text, true)) {
            assertTrue(ControlChars.escape(text, true).equals(text));
        }
    }
}
