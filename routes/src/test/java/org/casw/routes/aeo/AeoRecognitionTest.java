package org.casw.routes.aeo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recognised AEO programmes are configuration, checked at start-up with every mistake named at once. */
class AeoRecognitionTest {

    @Test
    void recognisesExactlyTheConfiguredProgrammesOfEachCountry() {
        AeoRecognition recognition = AeoRecognition.of(Map.of("SG", List.of("SG-STP-PLUS"), "MY", List.of("MY-AEO")), "gateway.aeo.recognised");

        assertThat(recognition.recognises("SG", "SG-STP-PLUS")).isTrue();
        assertThat(recognition.recognises("MY", "MY-AEO")).isTrue();
        assertThat(recognition.recognises("SG", "MY-AEO")).isFalse();
        assertThat(recognition.recognises("TH", "TH-AEO")).isFalse();
        assertThat(AeoRecognition.NONE.recognises("SG", "SG-STP-PLUS")).isFalse();
    }

    @Test
    void everyMistakeIsReportedWithItsSetting() {
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        wrong.put("XX", List.of("XX-AEO"));
        wrong.put("SG", List.of());
        wrong.put("MY", List.of("my aeo"));

        assertThatThrownBy(() -> AeoRecognition.of(wrong, "gateway.aeo.recognised"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway.aeo.recognised.XX: 'XX' is not an ISO 3166 alpha-2 country code")
                .hasMessageContaining("gateway.aeo.recognised.SG: name at least one AEO programme")
                .hasMessageContaining("gateway.aeo.recognised.MY: 'my aeo' is not a programme code");
    }
}
