package dev.scanwatch.io.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvRowTest {

    /** The row gives what splitting and trimming every field gave, for each column and one past the end. */
    @Test
    void agreesWithSplitAndTrim() {
        CsvRow row = new CsvRow(); // reused across lines, as the parsers reuse it
        String[] lines = {"a,b,c", " 10.0.0.1 , 80 ,tcp", ",,", "x,", ",y", "", "only", "\ttab\t;semi ; colon",
                          "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35"};
        for (String line : lines) {
            for (char delimiter : new char[] {',', ';'}) {
                String[] split = CsvHeader.split(line, delimiter);
                row.reset(line, delimiter);
                assertThat(row.size()).as("%s", line).isEqualTo(split.length);
                for (int i = 0; i < split.length; i++) {
                    assertThat(row.field(i)).as("%s [%d]", line, i).isEqualTo(split[i].trim());
                }
                assertThat(row.field(split.length)).isNull();
                assertThat(row.field(-1)).isNull();
            }
        }
    }
}
