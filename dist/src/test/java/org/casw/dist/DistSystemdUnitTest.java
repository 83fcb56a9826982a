package org.casw.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * systemd/casw-gateway.service: a dedicated user, restarted on failure, the hardening the gateway can live with, and
 * whatever systemd itself finds wrong in it (systemd-analyze verify, where systemd is installed).
 */
class DistSystemdUnitTest {

    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
    private static final String INSTALLED_HOME = "/opt/casw-gateway";

    /** Each hardening setting and the value it must have. */
    static final Map<String, String> HARDENING = Map.ofEntries(Map.entry("NoNewPrivileges", "yes"),
            Map.entry("ProtectSystem", "strict"), Map.entry("ProtectHome", "yes"), Map.entry("PrivateTmp", "yes"),
            Map.entry("PrivateDevices", "yes"), Map.entry("CapabilityBoundingSet", ""), Map.entry("AmbientCapabilities", ""),
            Map.entry("ProtectKernelTunables", "yes"), Map.entry("ProtectKernelModules", "yes"),
            Map.entry("ProtectControlGroups", "yes"), Map.entry("RestrictSUIDSGID", "yes"), Map.entry("LockPersonality", "yes"),
            Map.entry("RestrictNamespaces", "yes"), Map.entry("SystemCallArchitectures", "native"));

    private static Path unit() {
        return Shipped.module().resolve("src/dist/systemd/casw-gateway.service");
    }

    @Test
    void theUnitRunsTheInstalledLauncherAsCaswRestartsOnFailureAndIsHardened() {
        assertThat(findings(Shipped.read(unit()))).isEmpty();
    }

    @Test
    void theUnitCheckFindsARootServiceWithoutRestartOrHardening() {
        String unit = Shipped.read(unit()).replace("User=casw", "User=root").replace("Restart=on-failure", "Restart=no")
                .replace("ProtectSystem=strict", "ProtectSystem=full").replace("CapabilityBoundingSet=\n", "");

        assertThat(findings(unit)).containsExactlyInAnyOrder("User=root: run as the dedicated user casw",
                "Restart=no: must be on-failure", "ProtectSystem=full: must be strict", "CapabilityBoundingSet is missing");
    }

    @Test
    void systemdFindsNothingWrongWithTheUnit(@TempDir Path root) throws Exception {
        assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is not installed");

        DistTarballTest.Run verify = verify(root, Shipped.read(unit()));

        assertThat(verify.output()).isEmpty();
        assertThat(verify.status()).isZero();
    }

    @Test
    void systemdFindsAMisspeltKey(@TempDir Path root) throws Exception {
        assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is not installed");
        String unit = Shipped.read(unit()).replace("[Service]\n", "[Service]\nRestrat=always\n");

        assertThat(verify(root, unit).output()).contains("Unknown key", "Restrat");
    }

    /**
     * systemd-analyze verify against a root holding the unit, the launcher where ExecStart names it and the host's
     * target units (verify needs sysinit.target and the others the unit's dependencies pull in).
     */
    private static DistTarballTest.Run verify(Path root, String unit) throws IOException, InterruptedException {
        Path launcher = root.resolve(INSTALLED_HOME.substring(1)).resolve("bin/gateway");
        Files.createDirectories(launcher.getParent());
        Files.copy(Shipped.module().resolve("src/dist/bin/gateway"), launcher);
        launcher.toFile().setExecutable(true, false);
        Path units = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        for (Path system : List.of(Path.of("/usr/lib/systemd/system"), Path.of("/lib/systemd/system"))) {
            if (Files.isDirectory(system)) {
                try (Stream<Path> targets = Files.list(system)) {
                    for (Path target : targets.filter(t -> t.toString().endsWith(".target") && Files.isRegularFile(t)).toList()) {
                        if (!Files.exists(units.resolve(target.getFileName()))) {
                            Files.copy(target, units.resolve(target.getFileName()));
                        }
                    }
                }
            }
        }
        Path installed = Files.createDirectories(root.resolve("etc/systemd/system")).resolve("casw-gateway.service");
        Files.writeString(installed, unit);
        return DistTarballTest.run(List.of(SYSTEMD_ANALYZE.toString(), "verify", "--man=no", "--root=" + root,
                "/etc/systemd/system/casw-gateway.service"), Map.of("SYSTEMD_LOG_COLOR", "0"));
    }

    /** What is wrong with {@code unit}: its user, restart policy, launcher and hardening. */
    static List<String> findings(String unit) {
        Map<String, String> service = section(unit, "Service");
        List<String> findings = new ArrayList<>();
        expect(service, "User", "casw", "run as the dedicated user casw", findings);
        expect(service, "Restart", "on-failure", "must be on-failure", findings);
        expect(service, "ExecStart", INSTALLED_HOME + "/bin/gateway serve", "must start the installed launcher", findings);
        HARDENING.forEach((key, value) -> expect(service, key, value, value.isEmpty() ? "must be empty" : "must be " + value, findings));
        String data = service.getOrDefault("ReadWritePaths", "");
        if (!data.contains("/var/lib/casw-gateway")) {
            findings.add("ReadWritePaths=" + data + ": must let the gateway write its data directory /var/lib/casw-gateway");
        }
        if (service.containsKey("MemoryDenyWriteExecute")) {
            findings.add("MemoryDenyWriteExecute: the JVM's JIT compiler writes and runs code; the gateway would not start");
        }
        return findings;
    }

    private static void expect(Map<String, String> section, String key, String value, String why, List<String> findings) {
        if (!section.containsKey(key)) {
            findings.add(key + " is missing");
        } else if (!section.get(key).equals(value)) {
            findings.add(key + "=" + section.get(key) + ": " + why);
        }
    }

    /** The last value of each key in one [section] of a unit file. */
    static Map<String, String> section(String unit, String name) {
        Map<String, String> values = new LinkedHashMap<>();
        String current = null;
        for (String line : unit.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1);
            } else if (name.equals(current) && line.contains("=")) {
                values.put(line.substring(0, line.indexOf('=')).strip(), line.substring(line.indexOf('=') + 1).strip());
            }
        }
        return values;
    }
}
