package dev.scanwatch.flink;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.model.Direction;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Severity;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;

import java.util.ArrayList;
import java.util.List;

/**
 * Kryo serializer for {@link Alert}, registered through {@code pipeline.serialization-config}
 * ({@link ScanwatchJob#SERIALIZATION_CONFIG}). Kryo's own field serializer cannot rebuild the
 * record's immutable lists ({@code List.copyOf}), so every field is written explicitly.
 */
public final class AlertKryoSerializer extends Serializer<Alert> {

    public AlertKryoSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output out, Alert a) {
        out.writeLong(a.id());
        out.writeVarInt(a.state().ordinal(), true);
        out.writeVarInt(a.kind().ordinal(), true);
        out.writeVarInt(a.protocol().ordinal(), true);
        address(out, a.src());
        out.writeVarInt(a.srcs().size(), true);
        for (IpAddress s : a.srcs()) {
            address(out, s);
        }
        address(out, a.target());
        ints(out, a.ports());
        out.writeVarInt(a.portCount(), true);
        ints(out, a.openPorts());
        out.writeVarLong(a.targets(), true);
        address(out, a.targetMin());
        address(out, a.targetMax());
        out.writeLong(a.firstNanos());
        out.writeLong(a.lastNanos());
        out.writeVarLong(a.attempts(), true);
        out.writeVarLong(a.open(), true);
        out.writeVarLong(a.closed(), true);
        out.writeVarLong(a.filtered(), true);
        out.writeVarLong(a.unknown(), true);
        out.writeVarInt(a.techniques().size(), true);
        for (Technique t : a.techniques()) {
            out.writeVarInt(t.ordinal(), true);
        }
        out.writeVarInt(a.direction().ordinal(), true);
        out.writeVarInt(a.severity().ordinal(), true);
        out.writeVarLong(a.detectedAfter(), true);
        out.writeString(a.summary());
        out.writeString(a.suppressedBy());
    }

    @Override
    public Alert read(Kryo kryo, Input in, Class<? extends Alert> type) {
        long id = in.readLong();
        AlertState state = AlertState.values()[in.readVarInt(true)];
        ScanKind kind = ScanKind.values()[in.readVarInt(true)];
        Protocol protocol = Protocol.values()[in.readVarInt(true)];
        IpAddress src = address(in);
        int n = in.readVarInt(true);
        List<IpAddress> srcs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            srcs.add(address(in));
        }
        IpAddress target = address(in);
        List<Integer> ports = ints(in);
        int portCount = in.readVarInt(true);
        List<Integer> openPorts = ints(in);
        long targets = in.readVarLong(true);
        IpAddress targetMin = address(in);
        IpAddress targetMax = address(in);
        long first = in.readLong();
        long last = in.readLong();
        long attempts = in.readVarLong(true);
        long open = in.readVarLong(true);
        long closed = in.readVarLong(true);
        long filtered = in.readVarLong(true);
        long unknown = in.readVarLong(true);
        int t = in.readVarInt(true);
        List<Technique> techniques = new ArrayList<>(t);
        for (int i = 0; i < t; i++) {
            techniques.add(Technique.values()[in.readVarInt(true)]);
        }
        Direction direction = Direction.values()[in.readVarInt(true)];
        Severity severity = Severity.values()[in.readVarInt(true)];
        long detectedAfter = in.readVarLong(true);
        String summary = in.readString();
        String suppressedBy = in.readString();
        return new Alert(id, state, kind, protocol, src, srcs, target, ports, portCount, openPorts, targets, targetMin,
                targetMax, first, last, attempts, open, closed, filtered, unknown, techniques, direction, severity,
                detectedAfter, summary, suppressedBy);
    }

    private static void address(Output out, IpAddress a) {
        out.writeBoolean(a != null);
        if (a != null) {
            out.writeLong(a.hi());
            out.writeLong(a.lo());
        }
    }

    private static IpAddress address(Input in) {
        return in.readBoolean() ? new IpAddress(in.readLong(), in.readLong()) : null;
    }

    private static void ints(Output out, List<Integer> values) {
        out.writeVarInt(values.size(), true);
        for (int v : values) {
            out.writeVarInt(v, true);
        }
    }

    private static List<Integer> ints(Input in) {
        int n = in.readVarInt(true);
        List<Integer> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readVarInt(true));
        }
        return values;
    }
}
