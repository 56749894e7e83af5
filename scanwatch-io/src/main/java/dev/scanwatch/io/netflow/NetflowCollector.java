package dev.scanwatch.io.netflow;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.flow.NetflowAttempts;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A single-threaded UDP collector for NetFlow v5/v9 and IPFIX: datagrams in, {@link Attempt}s out
 * through the NetFlow pairing and inference. Bad datagrams are counted per exporter and never stop
 * it; {@link #close()} (from any thread) or an interrupt of the running thread stops it cleanly.
 *
 * <p>Event time comes from the flow records. When no datagram has arrived for a tick, the collector
 * moves event time on by the wall-clock time elapsed since the last datagram, so unanswered probes
 * are decided and idle alerts close without new input. That is the only place a clock is read: the
 * detection core stays driven by event time alone.
 */
public final class NetflowCollector implements AutoCloseable {

    /** Receives event time after each loop turn (for the pipeline to advance and for periodic output). */
    @FunctionalInterface
    public interface Tick {
        void onTick(long eventNanos, boolean idle);
    }

    /** Bounds of one {@link #run}: 0 means no bound. */
    public record Limits(Duration maxTime, long maxDatagrams, Duration tick) {
        public static final Duration DEFAULT_TICK = Duration.ofMillis(200);

        public Limits {
            if (tick == null || tick.isZero() || tick.isNegative()) {
                tick = DEFAULT_TICK;
            }
            if (maxTime == null) {
                maxTime = Duration.ZERO;
            }
        }
    }

    /** The largest UDP payload. */
    static final int MAX_DATAGRAM = 65_535;
    /** Rounds of draining the socket before the loop looks at the clock and its limits again. */
    private static final int MAX_DRAIN = 1024;

    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress local;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(MAX_DATAGRAM).order(ByteOrder.BIG_ENDIAN);
    private final NetflowAttempts flows;
    private final RecordsToAttempts records;
    private final NetflowDecoder decoder;
    private final LongSupplier wallNanos;
    private volatile boolean closed;
    private boolean running;
    private long datagrams;
    private long bytes;
    private long lastDatagramWall;
    private long idleEventNanos;
    private InetAddress lastSender;
    private IpAddress lastExporter;

    /**
     * Binds at once, so the port is known (and an error reported) before {@link #run}.
     *
     * @param bind address and port; port 0 picks a free one (tests)
     */
    public NetflowCollector(InetSocketAddress bind, Duration responseTimeout, Consumer<Attempt> out)
            throws IOException {
        this(bind, responseTimeout, out, System::nanoTime);
    }

    NetflowCollector(InetSocketAddress bind, Duration responseTimeout, Consumer<Attempt> out, LongSupplier wallNanos)
            throws IOException {
        this.wallNanos = wallNanos;
        this.flows = new NetflowAttempts("udp:" + bind, responseTimeout, out);
        this.records = new RecordsToAttempts(flows);
        this.decoder = new NetflowDecoder(records);
        boolean v6 = bind.getAddress() instanceof Inet6Address;
        DatagramChannel ch = DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.bind(bind);
            ch.configureBlocking(false);
            this.selector = Selector.open();
            ch.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        this.channel = ch;
        this.local = (InetSocketAddress) ch.getLocalAddress();
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Receives and decodes until closed, interrupted, or a limit is reached. Attempts are handed on
     * as they are decided; call {@link #finish()} afterwards to decide the ones still waiting.
     */
    public void run(Limits limits, Tick tick) throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            running = true;
        }
        long startWall = wallNanos.getAsLong();
        lastDatagramWall = startWall;
        long tickMillis = Math.max(1, limits.tick().toMillis());
        try {
            while (!closed && !Thread.currentThread().isInterrupted()) {
                if (limits.maxDatagrams() > 0 && datagrams >= limits.maxDatagrams()) {
                    break;
                }
                if (!limits.maxTime().isZero() && wallNanos.getAsLong() - startWall >= limits.maxTime().toNanos()) {
                    break;
                }
                int ready = selector.select(tickMillis);
                boolean received = false;
                if (ready > 0) {
                    selector.selectedKeys().clear();
                    received = drain(limits.maxDatagrams());
                }
                long now = wallNanos.getAsLong();
                boolean idle = !received && now - lastDatagramWall >= limits.tick().toNanos();
                long event = eventTime(now, idle);
                if (idle && event > 0) {
                    flows.advanceTo(event);
                }
                if (tick != null) {
                    tick.onTick(event, idle);
                }
            }
        } catch (ClosedSelectorException e) {
            // closed from another thread while waiting: a normal stop
        } finally {
            synchronized (this) {
                running = false;
                if (closed) {
                    release();
                }
            }
        }
    }

    /** Decides every waiting record (end of the run). */
    public void finish() {
        flows.finish();
    }

    private boolean drain(long maxDatagrams) throws IOException {
        boolean any = false;
        for (int i = 0; i < MAX_DRAIN; i++) {
            if (maxDatagrams > 0 && datagrams >= maxDatagrams) {
                break;
            }
            buf.clear();
            SocketAddress from = channel.receive(buf);
            if (from == null) {
                break;
            }
            buf.flip();
            datagrams++;
            bytes += buf.limit();
            any = true;
            decoder.decode(exporter(from), buf, 0, buf.limit());
        }
        if (any) {
            lastDatagramWall = wallNanos.getAsLong();
        }
        return any;
    }

    /**
     * The records' latest time; while exporters are quiet, that plus the wall-clock time since the
     * last datagram (never less than an earlier idle estimate, so event time does not step back).
     */
    private long eventTime(long wallNow, boolean idle) {
        long latest = records.latestNanos();
        if (latest == 0) {
            return 0;
        }
        long t = idle ? latest + (wallNow - lastDatagramWall) : latest;
        idleEventNanos = Math.max(idleEventNanos, t);
        return idleEventNanos;
    }

    private IpAddress exporter(SocketAddress from) {
        InetAddress a = ((InetSocketAddress) from).getAddress();
        if (a.equals(lastSender)) {
            return lastExporter;
        }
        byte[] b = a.getAddress();
        IpAddress ip;
        if (b.length == 4) {
            ip = IpAddress.ofV4(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
        } else {
            ByteBuffer w = ByteBuffer.wrap(b);
            ip = new IpAddress(w.getLong(0), w.getLong(8));
        }
        lastSender = a;
        lastExporter = ip;
        return ip;
    }

    public long datagrams() {
        return datagrams;
    }

    public long bytes() {
        return bytes;
    }

    public NetflowStats stats() {
        return decoder.stats();
    }

    public NetflowAttempts attempts() {
        return flows;
    }

    /** Datagrams the kernel dropped for this socket, or -1 when the OS does not say. */
    public long socketDrops() {
        return UdpSocketDrops.read(local.getPort(), local.getAddress() instanceof Inet6Address);
    }

    /** One line: what was received, decoded, dropped, and what became attempts. */
    public String describe() {
        long drops = socketDrops();
        return "netflow " + local.getAddress().getHostAddress() + ":" + local.getPort() + ": "
               + decoder.stats().describe() + ", socket drops " + (drops < 0 ? "unknown" : Long.toString(drops))
               + "; " + flows.records() + " flow records, " + flows.attempts() + " attempts, " + flows.waiting()
               + " waiting; skipped: " + flows.skipped().describe();
    }

    /** Stops {@link #run} (from any thread) and releases the socket. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (running) {
                selector.wakeup(); // the loop releases the socket on its way out
                return;
            }
        }
        release();
    }

    private void release() {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }
}
