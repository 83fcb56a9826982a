package org.casw.routes.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Check characters of containers (ISO 6346), enterprises (GB 32100) and vessels (IMO). */
class CheckDigitsTest {

    @Test
    void containerNumbersFromTheStandardPassAndAnyChangedDigitFails() {
        assertThat(CheckDigits.isValidContainerNumber("CSQU3054383")).isTrue();
        assertThat(CheckDigits.isValidContainerNumber("ZEPU0037255")).isTrue();
        assertThat(CheckDigits.isValidContainerNumber("CSQU3054384")).isFalse();
        assertThat(CheckDigits.isValidContainerNumber("CSQX3054383")).as("category must be U, J or Z").isFalse();
        assertThat(CheckDigits.containerCheckDigit("CSQU305438")).isEqualTo(3);
    }

    @Test
    void unifiedSocialCreditCodeChecksBothCheckCharacters() {
        assertThat(CheckDigits.isValidUscc("91450700MA5L3QR71R")).isTrue();
        assertThat(CheckDigits.isValidUscc("91450700MA5L3QR71S")).isFalse();
        assertThat(CheckDigits.isValidUscc("91450700MA5L3QR81R")).as("organisation code check character").isFalse();
        assertThat(CheckDigits.isValidUscc("91450700MA5L3QR7IR")).as("I is not in the alphabet").isFalse();
    }

    @Test
    void imoNumbersWithAndWithoutPrefix() {
        assertThat(CheckDigits.isValidImo("9074729")).isTrue();
        assertThat(CheckDigits.isValidImo("IMO9074729")).isTrue();
        assertThat(CheckDigits.isValidImo("9074728")).isFalse();
    }
}
