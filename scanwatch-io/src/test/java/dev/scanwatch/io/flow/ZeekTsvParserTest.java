package dev.scanwatch.io.flow;

import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TSV parser reads numbers, times and addresses where they are in the line; what it reads
 * must be what the shared readers make of each field's text, for odd fields most of all.
 */
class ZeekTsvParserTest {

    private static final List<String> COLUMNS = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p",
            "proto", "duration", "orig_bytes", "resp_bytes", "conn_state", "history", "orig_pkts", "resp_pkts");

    private static final String[] TIMES = {"1700000000.000200", "1700000000", "1700000000.", ".5", "17.0.1", "1.7e9",
        "+17", "-17", "99999999999", "9999999999.999999999999", "0000000000000000001.5", "1700000000.12a", " 17", "١٧",
        "", "-", "(empty)", "NA", "0.000050", "63.822830"};
    private static final String[] ADDRESSES = {"10.0.0.1", "010.0.0.1", "0.0.0.0", "255.255.255.255", "256.1.1.1",
        "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4.", "1234.1.1.1", "a.b.c.d", "::1", "2001:db8::1", "::ffff:1.2.3.4",
        "2001:db8::1.2.3.4", "1.2.3.4:", ":", "fe80::1%eth0", "", "-", "(empty)", "NA", "１.2.3.4"};
    private static final String[] PORTS = {"0", "80", "65535", "65536", "00080", "000080", "+80", "-1", "80a", "",
        "-", "(empty)", "NA", "123456", "٨٠"};
    private static final String[] COUNTS = {"0", "1", "+5", "-5", "007", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "1e3", "", "-", "(empty)", "NA", " 5", "5 ", "٥", "+", "-0"};
    private static final String[] OTHER = {"tcp", "udp", "icmp", "-", "(empty)", "SF", "S0", "ShADadFf", ""};

    @Test
    void readsWhatTheSharedReadersMakeOfEachFieldsText() {
        Random random = new Random(23);
        // unset and empty markers, and the separator (as #separator writes it, and as it is)
        for (String[] setup : new String[][] {{"-", "(empty)", "\\x09", "\t"}, {"NA", "(empty)", "\\x09", "\t"},
            {"-", "", "\\x09", "\t"}, {"", "(empty)", "\\x09", "\t"}, {"-", "(empty)", "\\x7c\\x7c", "||"}}) {
            String[] markers = setup;
            String separator = setup[3];
            ZeekTsvParser parser = new ZeekTsvParser();
            assertThat(parser.directive("#separator " + setup[2], null, null)).isNull();
            assertThat(parser.directive("#unset_field" + separator + markers[0], null, null)).isNull();
            assertThat(parser.directive("#empty_field" + separator + markers[1], null, null)).isNull();
            assertThat(parser.directive("#fields" + separator + String.join(separator, COLUMNS), null, null)).isNull();
            ZeekRecords.Fields byText = new ZeekRecords.Fields() { // only the text: every typed reader is the default
                @Override
                public String field(ZeekColumn c) {
                    return parser.field(c);
                }

                @Override
                public long time(String ts) {
                    return parser.time(ts);
                }

                @Override
                public long duration(String text) {
                    return parser.duration(text);
                }
            };
            for (int i = 0; i < 20_000; i++) {
                String line = String.join(separator, pick(random, TIMES), "C" + i, pick(random, ADDRESSES), pick(random, PORTS),
                        pick(random, ADDRESSES), pick(random, PORTS), pick(random, OTHER), pick(random, TIMES),
                        pick(random, COUNTS), pick(random, COUNTS), pick(random, OTHER), pick(random, OTHER),
                        pick(random, COUNTS), pick(random, COUNTS));
                ZeekConn inPlace = parser.parse(line);
                assertThat(parser.split(line)).isTrue();
                ZeekConn fromText = ZeekRecords.conn(byText, false);
                assertThat(inPlace).as(line).isEqualTo(fromText);
                // Field by field too: a record with one odd field is rejected whole either way.
                assertThat(parser.time(ZeekColumn.TS)).as(line).isEqualTo(byText.time(ZeekColumn.TS));
                assertThat(parser.duration(ZeekColumn.DURATION)).as(line).isEqualTo(byText.duration(ZeekColumn.DURATION));
                for (ZeekColumn c : List.of(ZeekColumn.ORIG_H, ZeekColumn.RESP_H)) {
                    assertThat(parser.address(c)).as(line).isEqualTo(byText.address(c));
                }
                for (ZeekColumn c : List.of(ZeekColumn.ORIG_P, ZeekColumn.RESP_P)) {
                    assertThat(parser.port(c)).as(line).isEqualTo(byText.port(c));
                }
                for (ZeekColumn c : List.of(ZeekColumn.ORIG_PKTS, ZeekColumn.RESP_PKTS, ZeekColumn.ORIG_BYTES,
                        ZeekColumn.RESP_BYTES)) {
                    assertThat(parser.count(c)).as(line).isEqualTo(byText.count(c));
                }
            }
        }
    }

    /** A valid line, to be sure the comparison above is not only of rejections. */
    @Test
    void aValidLineReadsInPlace() {
        ZeekTsvParser parser = new ZeekTsvParser();
        parser.directive("#fields\t" + String.join("\t", COLUMNS), null, null);
        ZeekConn c = parser.parse(String.join("\t", "1700000000.000200", "C1", "192.0.2.9", "40000", "2001:db8::7", "445",
                "tcp", "0.000050", "0", "(empty)", "REJ", "Sr", "1", "1"));
        assertThat(c).isNotNull();
        assertThat(c.tsNanos()).isEqualTo(1_700_000_000_000_200_000L);
        assertThat(c.orig()).isEqualTo(IpAddress.parse("192.0.2.9"));
        assertThat(c.resp()).isEqualTo(IpAddress.parse("2001:db8::7"));
        assertThat(c.origPort()).isEqualTo(40000);
        assertThat(c.respPort()).isEqualTo(445);
        assertThat(c.durationNanos()).isEqualTo(50_000);
        assertThat(c.origBytes()).isZero();
        assertThat(c.respBytes()).isEqualTo(ZeekConn.UNSET);
        assertThat(c.origPkts()).isOne();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
