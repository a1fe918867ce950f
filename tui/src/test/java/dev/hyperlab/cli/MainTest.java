package dev.hyperlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void noArgumentsOpenTheTuiOnATerminalAndRunTheDemoOtherwise() {
        assertArrayEquals(new String[] {"tui"}, Main.defaultArgs(true));
        assertArrayEquals(new String[] {"demo"}, Main.defaultArgs(false));
    }
}
