package dev.scanwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

class AlertSelectionTest {

    private static Alert closed(int host, String suppressedBy) {
        IpAddress src = IpAddress.ofV4(0x0A000200 + host);
        IpAddress t = IpAddress.parse("192.0.2.1");
        return new Alert(host, AlertState.CLOSED, ScanKind.PORTSWEEP, Protocol.UDP, src, List.of(), null, List.of(6881),
                1, List.of(), 30, t, t, 0, 1, 30, 0, 0, 30, 0, List.of(Technique.UDP), Direction.OUTBOUND, Severity.LOW, 20,
                "[UDP-SWEEP]", suppressedBy);
    }

    @Test
    void heldBackAlertsAreAllCountedButOnlyTheFirstFewNamed() {
        List<Alert> shown = new ArrayList<>();
        AlertSelection selection = new AlertSelection(shown::add, false, false);
        int p2p = AlertSelection.MAX_LISTED_SUPPRESSED + 10;
        for (int i = 1; i <= p2p; i++) {
            selection.onAlert(closed(i, "p2p"));
        }
        selection.onAlert(closed(200, "authorised"));
        selection.onAlert(closed(201, null));

        assertThat(shown).extracting(Alert::id).containsExactly(201L);
        assertThat(selection.suppressedCounts()).containsEntry("p2p", (long) p2p).containsEntry("authorised", 1L);
        assertThat(selection.suppressed().get("p2p")).hasSize(AlertSelection.MAX_LISTED_SUPPRESSED)
                .startsWith("10.0.2.1/udp");
        assertThat(selection.describeSuppressed())
                .startsWith((p2p + 1) + " alerts held back by false-positive exits (authorised: 10.0.2.200/udp; p2p: ")
                .endsWith(" and 10 more); --show-suppressed prints them");
    }
}
