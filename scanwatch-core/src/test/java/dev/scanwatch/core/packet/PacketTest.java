package dev.scanwatch.core.packet;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import static org.assertj.core.api.Assertions.assertThat;

class PacketTest {

    @Test
    void aCopyHasEveryFieldAndClearResetsEveryOne() throws IllegalAccessException {
        Packet p = new Packet();
        int n = 1;
        for (Field f : Packet.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            if (f.getType() == long.class) {
                f.setLong(p, 1000L + n++);
            } else if (f.getType() == int.class) {
                f.setInt(p, 1000 + n++);
            } else if (f.getType() == boolean.class) {
                f.setBoolean(p, true);
            }
        }
        Packet c = p.copy();
        assertThat(c).isNotSameAs(p).usingRecursiveComparison().isEqualTo(p);
        // The decoder clears the flyweight before every packet: a field it misses would carry one
        // packet's value into the next.
        p.clear();
        assertThat(p).usingRecursiveComparison().isEqualTo(new Packet());
    }
}
