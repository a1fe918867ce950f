package dev.hyperlab.tui.term;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 that arrives in chunks cut anywhere, even inside a character: the bytes of a cut character
 * wait for the next chunk. Malformed input becomes U+FFFD, as a terminal shows it.
 */
public final class Utf8Chunks {
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer carry = ByteBuffer.allocate(0);

    /** The characters the first {@code len} bytes of {@code data} complete, after what was carried. */
    public CharBuffer decode(byte[] data, int len) {
        ByteBuffer in = ByteBuffer.allocate(carry.remaining() + len);
        in.put(carry).put(data, 0, len).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        utf8.decode(in, out, false);
        carry = ByteBuffer.allocate(in.remaining()).put(in).flip();
        return out.flip();
    }
}
