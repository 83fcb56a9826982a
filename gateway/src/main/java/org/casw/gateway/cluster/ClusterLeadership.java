package org.casw.gateway.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.casw.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The node's heartbeat, and the cluster's once-only work. Every {@code gateway.cluster.heartbeat} each node says it is
 * alive, follows the operators' suspensions, and asks for the leadership ({@link LeaderLock}); the node holding it runs
 * every {@link ClusterDuty} when due, on a thread of its own so a long duty does not delay the heartbeat. When the
 * leader dies its database session ends with it, and the next node to ask leads and runs the duties at once.
 */
@Component
public class ClusterLeadership implements DisposableBean {

    /** A duty's last run, for health. */
    public record DutyRun(Instant at, boolean succeeded, String problem) {
    }

    private static final Logger log = LoggerFactory.getLogger(ClusterLeadership.class);

    private final ClusterNode node;
    private final LeaderLock lock;
    private final List<ClusterDuty> duties;
    private final PartnerSuspensionSync suspensions;
    private final Duration heartbeat;
    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private final Map<String, DutyRun> lastRuns = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("cluster-heartbeat"));
    private final ExecutorService dutyRunner = Executors.newSingleThreadExecutor(daemon("cluster-duties"));
    private volatile boolean leading;

    public ClusterLeadership(ClusterNode node, DataSource dataSource, List<ClusterDuty> duties, PartnerSuspensionSync suspensions,
            GatewayProperties properties) {
        this.node = node;
        this.lock = new LeaderLock(dataSource);
        this.duties = List.copyOf(duties);
        this.suspensions = suspensions;
        this.heartbeat = properties.cluster().heartbeat();
    }

    /** Once the routes run: a duty may hand messages to them. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        // the future is not needed: tick() logs its own failures and destroy() shuts the executor down
        var unused = ticks.scheduleWithFixedDelay(this::tick, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean leading() {
        return leading;
    }

    public Map<String, DutyRun> lastRuns() {
        return Map.copyOf(lastRuns);
    }

    void tick() {
        try {
            node.heartbeat();
        } catch (RuntimeException e) {
            log.warn("Could not record this node's heartbeat: {}", e.getMessage());
        }
        try {
            suspensions.reconcile();
        } catch (Exception e) {
            log.warn("Could not follow the partners' suspensions: {}", e.getMessage());
        }
        boolean nowLeading = lock.hold();
        if (nowLeading != leading) {
            leading = nowLeading;
            if (nowLeading) {
                due.clear(); // every duty at once: the previous leader may have died in the middle of one
                log.info("Node {} now leads the cluster and runs {}", node.nodeId(), duties.stream().map(ClusterDuty::name).toList());
            } else {
                log.info("Node {} no longer leads the cluster", node.nodeId());
            }
        }
        if (leading && running.compareAndSet(false, true)) {
            dutyRunner.execute(this::performDueDuties);
        }
    }

    private void performDueDuties() {
        try {
            for (ClusterDuty duty : duties) {
                Instant now = Instant.now();
                if (!leading || now.isBefore(due.getOrDefault(duty.name(), Instant.MIN))) {
                    continue;
                }
                try {
                    duty.perform();
                    lastRuns.put(duty.name(), new DutyRun(Instant.now(), true, null));
                } catch (RuntimeException e) {
                    lastRuns.put(duty.name(), new DutyRun(Instant.now(), false, e.getMessage()));
                    log.warn("Cluster duty {} failed (it runs again in {}): {}", duty.name(), duty.interval(), e.getMessage());
                }
                due.put(duty.name(), Instant.now().plus(duty.interval()));
            }
            if (leading) {
                node.forgetLongGone();
            }
        } catch (RuntimeException e) {
            log.warn("Cluster duties interrupted: {}", e.getMessage());
        } finally {
            running.set(false);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        ticks.shutdownNow();
        dutyRunner.shutdownNow();
        dutyRunner.awaitTermination(10, TimeUnit.SECONDS);
        leading = false;
        lock.close(); // hands the leadership over at once instead of when the process ends
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
