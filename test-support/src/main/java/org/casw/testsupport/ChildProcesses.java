package org.casw.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The processes the reliability tests start; whatever a test leaves running dies with the test JVM. */
public final class ChildProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcesses::kill), "kill-child-processes"));
    }

    private ChildProcesses() {
    }

    /** Starts a process whose output goes to {@code log} (appended: a restart keeps the earlier run's lines). */
    public static Process start(List<String> command, Path workingDirectory, Path log, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            LIVE.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the broker; waits until the process and its children are gone. */
    public static void kill(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Process " + process.pid() + " survived SIGKILL for 30 s");
            }
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("A child of process " + process.pid() + " survived SIGKILL", e);
        } finally {
            LIVE.remove(process);
        }
    }

    /**
     * SIGKILL to the PostgreSQL server whose data directory is {@code pgData}, and its backends; nothing when none runs
     * there. pg_ctl starts the server as a daemon, so it is no descendant that killing the gateway reaches: a killed
     * gateway's next start stops it, but after a test's last kill nothing would.
     */
    public static void killPostmaster(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        long pid;
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return; // no server wrote its pid there (or it is being removed): nothing to stop
        }
        // the pid is the postmaster's only while its command names this data directory (pids are reused)
        ProcessHandle.of(pid).filter(p -> p.info().arguments().map(args -> List.of(args).contains(pgData.toString())).orElse(false))
                .ifPresent(postmaster -> {
                    List<ProcessHandle> backends = postmaster.descendants().toList();
                    postmaster.destroyForcibly();
                    backends.forEach(ProcessHandle::destroyForcibly);
                    try {
                        postmaster.onExit().get(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException | TimeoutException e) {
                        throw new IllegalStateException("PostgreSQL " + pid + " survived SIGKILL", e);
                    }
                });
    }

    /** The last lines of a log, for failure messages. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
