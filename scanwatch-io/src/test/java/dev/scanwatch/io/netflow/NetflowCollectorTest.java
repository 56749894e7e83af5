package dev.scanwatch.io.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Technique;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NetflowCollectorTest {

    private static final long UNIX = 1_700_000_000L;

    /** A v5 datagram: one SYN probe from 10.9.0.1 to 10.9.0.2:port and, when closed, its RST-ACK answer. */
    private static byte[] v5Probe(int port, boolean answered) {
        int count = answered ? 2 : 1;
        Datagrams d = new Datagrams().u16(5).u16(count).u32(10_000).u32(UNIX).u32(0).u32(1).u8(0).u8(0).u16(0);
        d.ip(10, 9, 0, 1).ip(10, 9, 0, 2).ip(0, 0, 0, 0).u16(0).u16(0).u32(1).u32(40).u32(9_000).u32(9_000)
                .u16(40000).u16(port).u8(0).u8(0x02).u8(6).u8(0).u16(0).u16(0).u8(0).u8(0).u16(0);
        if (answered) {
            d.ip(10, 9, 0, 2).ip(10, 9, 0, 1).ip(0, 0, 0, 0).u16(0).u16(0).u32(1).u32(40).u32(9_001).u32(9_001)
                    .u16(port).u16(40000).u8(0).u8(0x14).u8(6).u8(0).u16(0).u16(0).u8(0).u8(0).u16(0);
        }
        return d.toArray();
    }

    @Test
    void receivesDecodesAndSurvivesBadDatagrams() throws Exception {
        List<Attempt> attempts = new ArrayList<>();
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        NetflowCollector collector = new NetflowCollector(any, Duration.ofSeconds(5), attempts::add);
        try (DatagramChannel sender = DatagramChannel.open()) {
            InetSocketAddress to = collector.localAddress();
            assertThat(to.getPort()).isPositive();
            sender.send(ByteBuffer.wrap(new byte[] {0, 9, 1}), to);            // malformed
            sender.send(ByteBuffer.wrap(v5Probe(22, true)), to);
            sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6}), to);   // wrong version
            sender.send(ByteBuffer.wrap(v5Probe(23, true)), to);
            sender.send(ByteBuffer.wrap(v5Probe(24, false)), to);
            collector.run(new NetflowCollector.Limits(Duration.ofSeconds(10), 5, Duration.ofMillis(50)), null);
            collector.finish();
            assertThat(collector.datagrams()).isEqualTo(5);
            assertThat(collector.stats().malformedDatagrams()).isEqualTo(2);
            assertThat(collector.stats().records()).isEqualTo(5);
            assertThat(collector.describe()).contains("5 datagrams", "2 malformed", "socket drops");
        } finally {
            collector.close();
        }
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).port()).isEqualTo(22);
        assertThat(attempts.get(0).technique()).isEqualTo(Technique.SYN);
        assertThat(attempts.get(0).outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(attempts.get(2).outcome()).isIn(Outcome.FILTERED, Outcome.UNKNOWN);
    }

    @Test
    void closeFromAnotherThreadStopsTheLoop() throws Exception {
        NetflowCollector collector = new NetflowCollector(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Duration.ofSeconds(5), a -> { });
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
                collector.close();
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        long start = System.nanoTime();
        collector.run(new NetflowCollector.Limits(Duration.ofSeconds(20), 0, Duration.ofMillis(50)), null);
        stopper.join(5_000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void interruptStopsTheLoop() throws Exception {
        NetflowCollector collector = new NetflowCollector(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Duration.ofSeconds(5), a -> { });
        Thread runner = new Thread(() -> {
            try {
                collector.run(new NetflowCollector.Limits(Duration.ofSeconds(20), 0, Duration.ofMillis(50)), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            runner.start();
            Thread.sleep(200);
            runner.interrupt();
            runner.join(5_000);
            assertThat(runner.isAlive()).isFalse();
        } finally {
            collector.close();
        }
    }

    @Test
    void idleTimeAdvancesEventTimeSoUnansweredProbesAreDecided() throws Exception {
        List<Attempt> attempts = new ArrayList<>();
        long[] wall = {0};
        NetflowCollector collector = new NetflowCollector(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Duration.ofSeconds(5), attempts::add, () -> wall[0]);
        List<Long> idleTimes = new ArrayList<>();
        try (DatagramChannel sender = DatagramChannel.open()) {
            sender.send(ByteBuffer.wrap(v5Probe(25, false)), collector.localAddress());
            // each loop turn the fake wall clock moves 5 s; stop after a minute of it
            collector.run(new NetflowCollector.Limits(Duration.ofSeconds(60), 0, Duration.ofMillis(20)),
                    (event, idle) -> {
                        wall[0] += 5_000_000_000L;
                        if (idle) {
                            idleTimes.add(event);
                        }
                    });
            // no finish(): the probe was decided by the idle clock alone
            assertThat(attempts).hasSize(1);
            assertThat(attempts.get(0).outcome()).isEqualTo(Outcome.FILTERED);
            assertThat(idleTimes).isSorted();
        } finally {
            collector.close();
        }
    }
}
