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
 * A small PNG: p50/p95/p99 latency (log scale) against offered load, one colour per system, one
 * line style per percentile. Java2D, headless, no network. Closed-loop steps are plotted at their achieved rate.
 */
public final class LatencyChart {

    private static final int W = 900;
    private static final int H = 540;
    private static final int LEFT = 80;
    private static final int RIGHT = 200;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private LatencyChart() {
    }

    public static void write(List<StepResult> results, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double maxX = results.stream().mapToDouble(LatencyChart::x).max().orElse(1) * 1.1;
        double minY = Math.max(0.1, results.stream().mapToDouble(StepResult::p50).filter(v -> !Double.isNaN(v)).min().orElse(1) / 2);
        double maxY = results.stream().mapToDouble(StepResult::p99).filter(v -> !Double.isNaN(v)).max().orElse(10) * 2;
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(230, 230, 230));
        for (double y = Math.pow(10, Math.floor(Math.log10(minY))); y <= maxY; y *= 10) {
            int py = py(y, minY, maxY, plotH);
            if (py >= TOP && py <= TOP + plotH) {
                g.setColor(new Color(225, 225, 225));
                g.drawLine(LEFT, py, LEFT + plotW, py);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, y >= 1 ? "%.0f ms" : "%.1f ms", y), 8, py + 4);
            }
        }
        for (int i = 0; i <= 5; i++) {
            double x = maxX * i / 5;
            int px = LEFT + (int) (plotW * x / maxX);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", x), px - 10, TOP + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString("offered load, msg/s (closed-loop maximum at its achieved rate)", LEFT + 120, H - 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("End-to-end latency, submit -> delivered to partner (log scale)", LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        Color[] colours = {new Color(0, 90, 200), new Color(210, 60, 30), new Color(30, 150, 60)};
        float[][] dashes = {null, {8f, 5f}, {2f, 4f}};
        String[] names = {"p50", "p95", "p99"};
        List<String> systems = results.stream().map(StepResult::system).distinct().toList();
        int legend = TOP + 10;
        for (int s = 0; s < systems.size(); s++) {
            String system = systems.get(s);
            List<StepResult> points = results.stream().filter(r -> r.system().equals(system) && !Double.isNaN(r.p50()))
                    .sorted((a, b) -> Double.compare(x(a), x(b))).toList();
            for (int p = 0; p < 3; p++) {
                g.setColor(colours[s % colours.length]);
                g.setStroke(dashes[p] == null ? new BasicStroke(2f) : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dashes[p], 0f));
                int lastX = -1;
                int lastY = -1;
                for (StepResult r : points) {
                    double v = p == 0 ? r.p50() : p == 1 ? r.p95() : r.p99();
                    int px = LEFT + (int) (plotW * x(r) / maxX);
                    int py = py(v, minY, maxY, plotH);
                    g.fillOval(px - 3, py - 3, 6, 6);
                    if (lastX >= 0) {
                        g.drawLine(lastX, lastY, px, py);
                    }
                    lastX = px;
                    lastY = py;
                }
                g.drawLine(W - RIGHT + 15, legend, W - RIGHT + 45, legend);
                g.setColor(Color.BLACK);
                g.drawString(system + " " + names[p], W - RIGHT + 52, legend + 4);
                legend += 18;
            }
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static double x(StepResult r) {
        return r.offered() > 0 ? r.offered() : r.achieved();
    }

    private static int py(double v, double minY, double maxY, int plotH) {
        double clamped = Math.max(minY, Math.min(maxY, v));
        double f = (Math.log10(clamped) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY));
        return TOP + plotH - (int) (plotH * f);
    }
}
