package org.casw.gateway.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

class ConsolePasswordHashCommandTest {

    @Test
    void printsABcryptHashThatMatchesOnlyThePassword() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ConsolePasswordHashCommand.run(new String[0], new ByteArrayInputStream("a-long-console-password\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String hash = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(exit).isZero();
        assertThat(hash).startsWith("{bcrypt}$2a$10$").doesNotContain("a-long-console-password");
        var passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        assertThat(passwords.matches("a-long-console-password", hash)).isTrue();
        assertThat(passwords.matches("a-long-console-passwore", hash)).isFalse();
    }

    @Test
    void refusesAShortPassword() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ConsolePasswordHashCommand.run(new String[0], new ByteArrayInputStream("short".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 12");
    }
}
