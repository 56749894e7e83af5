package dev.scanwatch.core.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TechniqueTest {

    // flags: FIN 01 SYN 02 RST 04 PSH 08 ACK 10 URG 20 ECE 40 CWR 80
    @ParameterizedTest(name = "flags 0x{0} payload {1} -> {2}")
    @CsvSource({
        "02, 0, SYN",
        "c2, 0, SYN",          // ECN-setup SYN is still a SYN
        "03, 0, SYN_FIN",
        "01, 0, FIN",
        "00, 0, NULL",
        "80, 0, NULL",         // hping3 -Y: only CWR
        "29, 0, XMAS",         // nmap -sX: FIN PSH URG
        "3f, 0, XMAS",         // every flag: unicornscan's "full Xmas"
        "10, 0, ACK",
        "11, 0, MAIMON",       // nmap -sM: FIN ACK
        "18, 100, MIDSTREAM",  // PSH ACK with data, no handshake
        "10, 20, MIDSTREAM",
        "08, 0, ODD_FLAGS",
        "12, 0, ",             // SYN-ACK is an answer
        "04, 0, ",             // RST is an answer
        "14, 0, "
    })
    void classifiesProbesByFlags(String hex, int payload, Technique expected) {
        assertThat(Technique.ofTcpProbe(Integer.parseInt(hex, 16), payload)).isEqualTo(expected);
    }
}
