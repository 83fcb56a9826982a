package org.casw.bench.e2e;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG with one panel per workload (declarations, manifests, ... and their channel): p50 (dashed) and p99 (solid)
 * end-to-end latency, log scale, against offered load, one colour per system. Java2D, headless, no network.
 * Closed-loop steps are plotted at their achieved rate.
 */
public final class LatencyChart {

    private static final int PANEL_W = 640;
    private static final int PANEL_H = 380;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;
    private static final Color[] COLOURS = {new Color(0, 90, 200), new Color(210, 60, 30), new Color(30, 150, 60),
            new Color(140, 60, 170), new Color(200, 140, 0), new Color(0, 150, 160)};

    private LatencyChart() {
    }

    public static void write(List<StepResult> results, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> workloads = results.stream().map(StepResult::workload).distinct().toList();
        List<String> systems = results.stream().map(StepResult::system).distinct().toList();
        int columns = Math.min(2, Math.max(1, workloads.size()));
        int rows = Math.max(1, (workloads.size() + columns - 1) / columns);
        BufferedImage image = new BufferedImage(columns * PANEL_W, rows * PANEL_H + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("End-to-end latency, submit -> delivered to the loopback partner (log scale); solid p99, dashed p50", 12, 22);
        for (int w = 0; w < workloads.size(); w++) {
            String workload = workloads.get(w);
            List<StepResult> panel = results.stream().filter(r -> r.workload().equals(workload)).toList();
            panel(g, (w % columns) * PANEL_W, 30 + (w / columns) * PANEL_H, workload, panel, systems);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void panel(Graphics2D g, int ox, int oy, String workload, List<StepResult> results, List<String> systems) {
        double maxX = Math.max(1, results.stream().mapToDouble(LatencyChart::x).max().orElse(1) * 1.1);
        double minY = Math.max(0.1, results.stream().mapToDouble(StepResult::p50).filter(v -> !Double.isNaN(v)).min().orElse(1) / 2);
        double maxY = Math.max(minY * 10, results.stream().mapToDouble(StepResult::p99).filter(v -> !Double.isNaN(v)).max().orElse(10) * 2);
        int plotW = PANEL_W - LEFT - RIGHT;
        int plotH = PANEL_H - TOP - BOTTOM;
        int left = ox + LEFT;
        int top = oy + TOP;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(workload, left, oy + 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        // 1-2-5 ticks in each decade: a panel spanning one decade still has labels to read a value off
        for (double decade = Math.pow(10, Math.floor(Math.log10(minY))); decade <= maxY; decade *= 10) {
            for (double step : new double[] {1, 2, 5}) {
                double y = decade * step;
                int py = py(y, minY, maxY, top, plotH);
                if (y < minY || y > maxY) {
                    continue;
                }
                g.setColor(step == 1 ? new Color(215, 215, 215) : new Color(238, 238, 238));
                g.drawLine(left, py, left + plotW, py);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, y >= 1 ? "%.0f ms" : "%.1f ms", y), ox + 8, py + 4);
            }
        }
        double xStep = niceStep(maxX / 5);
        for (double x = 0; x <= maxX; x += xStep) {
            int px = left + (int) (plotW * x / maxX);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", x), px - 8, top + plotH + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotW, plotH);
        g.drawString("offered msg/s (max: at its achieved rate)", left + 60, top + plotH + 34);
        int legend = top + 8;
        for (int s = 0; s < systems.size(); s++) {
            String system = systems.get(s);
            List<StepResult> points = results.stream().filter(r -> r.system().equals(system) && !Double.isNaN(r.p50()))
                    .sorted((a, b) -> Double.compare(x(a), x(b))).toList();
            if (points.isEmpty()) {
                continue;
            }
            Color colour = COLOURS[s % COLOURS.length];
            for (int p = 0; p < 2; p++) {
                g.setColor(colour);
                g.setStroke(p == 1 ? new BasicStroke(2f)
                        : new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
                int lastX = -1;
                int lastY = -1;
                for (StepResult r : points) {
                    int px = left + (int) (plotW * x(r) / maxX);
                    int py = py(p == 0 ? r.p50() : r.p99(), minY, maxY, top, plotH);
                    g.fillOval(px - 3, py - 3, 6, 6);
                    if (lastX >= 0) {
                        g.drawLine(lastX, lastY, px, py);
                    }
                    lastX = px;
                    lastY = py;
                }
            }
            g.setStroke(new BasicStroke(2f));
            g.drawLine(left + plotW + 12, legend, left + plotW + 36, legend);
            g.setColor(Color.BLACK);
            g.drawString(system, left + plotW + 42, legend + 4);
            legend += 18;
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return Math.max(1, m * magnitude);
            }
        }
        return Math.max(1, 10 * magnitude);
    }

    private static double x(StepResult r) {
        return r.offered() > 0 ? r.offered() : r.achieved();
    }

    private static int py(double v, double minY, double maxY, int top, int plotH) {
        double clamped = Math.max(minY, Math.min(maxY, v));
        double f = (Math.log10(clamped) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY));
        return top + plotH - (int) (plotH * f);
    }
}
