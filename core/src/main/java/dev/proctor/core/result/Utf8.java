package dev.proctor.core.result;

/** UTF-16 helpers for text that must become well-formed UTF-8 within a byte budget. */
final class Utf8 {
    private Utf8() {}

    /** Bytes the string takes in UTF-8, counting a lone surrogate as the 3 bytes of its replacement. */
    static int length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * The text with each unpaired surrogate replaced by U+FFFD. Such a string cannot be written as UTF-8, and
     * test display names come from user code that may well contain one.
     */
    static String wellFormed(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (fixed != null) fixed.append(c).append(text.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) fixed = new StringBuilder(text.length()).append(text, 0, i);
                fixed.append('\uFFFD');
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }

    /** The first {@code chars} chars of the text, one fewer when that would split a surrogate pair. */
    static String prefix(String text, int chars) {
        if (chars >= text.length()) return text;
        int end = chars > 0 && Character.isHighSurrogate(text.charAt(chars - 1)) ? chars - 1 : chars;
        return text.substring(0, end);
    }
}
