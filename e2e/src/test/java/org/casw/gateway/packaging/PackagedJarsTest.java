package org.casw.gateway.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.casw.testsupport.Samples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two jars as users run them (built by the reactor's package phase before this module's tests): gateway.jar holds
 * the server only, gateway-kit.jar adds the tooling, and every command of each answers --help with status 0.
 */
class PackagedJarsTest {

    static final Path SERVER_JAR = Path.of("..", "gateway", "target", "gateway.jar");
    static final Path KIT_JAR = Path.of("..", "kit", "target", "gateway-kit.jar");
    /** A command name in the "Commands:" list of the top usage. */
    static final Pattern COMMAND_LINE = Pattern.compile("^  ([a-z][a-z0-9-]*)\\s", Pattern.MULTILINE);

    @Test
    void theServerJarHoldsNoSandboxConformanceDemoOrVectorClassNorTheDemoAgreements() throws IOException {
        List<String> tooling = new ArrayList<>();
        try (JarFile jar = new JarFile(built(SERVER_JAR).toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.matches("BOOT-INF/classes/org/casw/(sandbox|kit)/.*") || name.matches("BOOT-INF/classes/org/casw/gateway/"
                        + "(sandbox|conformance|demo|vectors)/.*") || name.matches("BOOT-INF/classes/(agreements|conformance)/.*")
                        || name.matches("BOOT-INF/classes/sandbox\\.yml") || name.matches("BOOT-INF/lib/(sandbox|kit|test-support)-.*")) {
                    tooling.add(name);
                }
            }
            assertThat(jar.getEntry("BOOT-INF/classes/org/casw/gateway/GatewayApplication.class")).isNotNull();
        }
        assertThat(tooling).as("tooling in the server jar").isEmpty();
    }

    @Test
    void theKitJarHoldsTheGatewayAndTheTooling() throws IOException {
        try (JarFile jar = new JarFile(built(KIT_JAR).toFile())) {
            List<String> libraries = Collections.list(jar.entries()).stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).anyMatch(name -> name.startsWith("BOOT-INF/lib/gateway-")).anyMatch(name -> name.startsWith("BOOT-INF/lib/sandbox-"));
            assertThat(jar.getEntry("BOOT-INF/classes/org/casw/kit/GatewayKit.class")).isNotNull();
        }
    }

    @Test
    void everyCommandOfEitherJarAnswersHelpWithStatusZero() throws Exception {
        for (Path jar : List.of(SERVER_JAR, KIT_JAR)) {
            Result top = run(jar, "--help");
            assertThat(top.status()).as(jar + " --help: " + top.output()).isZero();
            List<String> commands = new ArrayList<>();
            Matcher command = COMMAND_LINE.matcher(top.output().substring(top.output().indexOf("Commands:")));
            while (command.find()) {
                commands.add(command.group(1));
            }
            assertThat(commands).as(jar + " commands").contains("serve", "validate", "help");
            // two JVMs at a time: each spends most of its second starting up on one core
            ExecutorService runner = Executors.newFixedThreadPool(2);
            try {
                List<Future<Result>> helps = new ArrayList<>();
                for (String name : commands) {
                    helps.add(runner.submit(() -> run(jar, name, "--help")));
                }
                for (int i = 0; i < commands.size(); i++) {
                    Result help = helps.get(i).get();
                    assertThat(help.status()).as(jar + " " + commands.get(i) + " --help: " + help.output()).isZero();
                    assertThat(help.output()).as(jar + " " + commands.get(i) + " --help").contains("Usage: ");
                }
            } finally {
                runner.shutdownNow();
            }
            assertThat(run(jar, "--version").status()).isZero();
        }
        assertThat(run(SERVER_JAR, "demo").status()).as("the server jar has no demo").isEqualTo(2);
        assertThat(run(KIT_JAR, "conformence").output()).contains("Did you mean: gateway-kit conformance");
    }

    private static Path built(Path jar) {
        assertThat(jar).as("build the jars first (mvn -B verify builds them before this module's tests)").isRegularFile();
        return jar;
    }

    /**
     * Schemas that import or include siblings load inside the executable jar too, where they are nested jar entries
     * (the declaration receipts import customs' own, China's manifest schemas include their vocabulary).
     */
    @Test
    void schemasWithImportsAndIncludesLoadFromTheExecutableJar() throws Exception {
        Result receipt = run(SERVER_JAR, "validate",
                Samples.path("declaration-receipt", "valid", "dec-result-released.xml").toAbsolutePath().toString());
        Result manifest = run(SERVER_JAR, "translate",
                Samples.path("cn-manifest", "valid", "mt2101-export-pre-stowage.xml").toAbsolutePath().toString());

        assertThat(receipt.status()).as(receipt.output()).isZero();
        assertThat(receipt.output()).contains("OK (DECLARATION_RECEIPT");
        assertThat(manifest.status()).as(manifest.output()).isZero();
        assertThat(manifest.output()).contains("urn:casw:cn:manifest:1", "OOLUQZH2611207");
    }

    private static Result run(Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", built(jar).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int status, String output) {
    }
}
