package dev.scanwatch.io.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;

import org.junit.jupiter.api.Test;

class WaitAwareInputStreamTest {

    @Test
    void announcesOnlyTheReadsThatFindNothingBuffered() throws IOException {
        PipedInputStream pipe = new PipedInputStream(1024);
        PipedOutputStream feed = new PipedOutputStream(pipe);
        int[] announced = {0};
        WaitAwareInputStream in = new WaitAwareInputStream(pipe, () -> announced[0]++);

        feed.write(new byte[] {1, 2, 3, 4, 5});
        byte[] buf = new byte[3];
        assertThat(in.read(buf, 0, 3)).isEqualTo(3);
        assertThat(in.read()).isEqualTo(4);
        assertThat(in.read(buf, 0, 3)).isEqualTo(1); // what is left: still no wait
        assertThat(announced[0]).isZero();

        feed.write(6);
        feed.close();
        assertThat(in.read()).isEqualTo(6);
        assertThat(announced[0]).isZero();
        assertThat(in.read(buf, 0, 3)).isEqualTo(-1); // nothing buffered: announced, then the end
        assertThat(announced[0]).isEqualTo(1);
    }
}
