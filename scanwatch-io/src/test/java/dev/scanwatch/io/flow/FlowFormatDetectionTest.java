package dev.scanwatch.io.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowFormatDetectionTest {

    @Test
    void recognisesEachFormatFromItsContent() {
        assertThat(FlowFixtures.detect("#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\n"))
                .isEqualTo(FlowFormat.ZEEK_CONN);
        assertThat(FlowFixtures.detect("{\"ts\":1.0,\"id.orig_h\":\"10.0.0.1\",\"id.resp_p\":80,\"conn_state\":\"S0\"}\n"))
                .isEqualTo(FlowFormat.ZEEK_CONN_JSON);
        assertThat(FlowFixtures.detect("StartTime,LastTime,SrcAddr,Sport,DstAddr,Dport,Proto,State\n"))
                .isEqualTo(FlowFormat.ARGUS_CSV);
        assertThat(FlowFixtures.detect("\n StartTime\tSrcAddr\tSport\tDstAddr\tDport\tProto\tState\n"))
                .isEqualTo(FlowFormat.ARGUS_CSV);
        assertThat(FlowFixtures.detect("ts,te,td,sa,da,sp,dp,pr,flg,ipkt,ibyt\n")).isEqualTo(FlowFormat.NFDUMP_CSV);
    }

    @Test
    void refusesOtherContent() {
        assertThat(FlowFixtures.detect("#separator \\x09\n#path\tdns\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\n"))
                .isNull();
        assertThat(FlowFixtures.detect("{\"ts\":1.0,\"query\":\"example.com\"}\n")).isNull();
        assertThat(FlowFixtures.detect("hello, world\n")).isNull();
        assertThat(FlowFixtures.detect("")).isNull();
        byte[] pcap = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0};
        assertThat(FlowReader.detect(pcap, pcap.length)).isNull();
        assertThat(FlowReader.detect(new byte[0], 0)).isNull();
    }

    @Test
    void labels() {
        assertThat(FlowFormat.ZEEK_CONN.label()).isEqualTo("zeek-conn");
        assertThat(FlowFormat.ZEEK_CONN_JSON.label()).isEqualTo("zeek-conn-json");
        assertThat(FlowFormat.ARGUS_CSV.label()).isEqualTo("argus-csv");
        assertThat(FlowFormat.NFDUMP_CSV.label()).isEqualTo("nfdump-csv");
        assertThat(FlowFormat.byLabel("argus-csv")).isEqualTo(FlowFormat.ARGUS_CSV);
    }
}
