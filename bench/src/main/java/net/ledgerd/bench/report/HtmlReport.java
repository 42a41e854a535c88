package net.ledgerd.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page (inline SVG, no script, nothing fetched): the figures of each network, committed and
 * accepted transactions per second over time, and the distribution of commit latency (share of transactions
 * committed within x seconds of their send).
 */
public final class HtmlReport {
    private static final String[] COLOURS = {"#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad"};
    private static final int W = 760;
    private static final int H = 300;
    private static final int LEFT = 60;
    private static final int BOTTOM = 40;
    private static final int TOP = 20;
    private static final int RIGHT = 20;

    private HtmlReport() {}

    public static void write(Path file, String title, List<String> notes, List<RunSummary> runs) throws IOException {
        Files.writeString(file, render(title, notes, runs), StandardCharsets.UTF_8);
    }

    static String render(String title, List<String> notes, List<RunSummary> runs) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:820px;margin:1em auto}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:3px 6px;text-align:right}"
                        + "th{background:#eee}td:first-child{text-align:left}svg{background:#fff}"
                        + ".axis{stroke:#444}.grid{stroke:#ddd}text{font-size:11px}</style></head><body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n<ul>");
        for (String n : notes) {
            h.append("<li>").append(esc(n)).append("</li>");
        }
        h.append("</ul>\n<table><tr><th>network</th><th>sent req/s</th><th>accepted tx/s</th>"
                + "<th>committed tx/s</th><th>committed</th><th>commit p50 s</th><th>p90 s</th><th>p99 s</th>"
                + "<th>max s</th></tr>\n");
        for (RunSummary r : runs) {
            Percentiles c = r.commitLatency();
            h.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%s</td><td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%d</td><td>%.3f</td><td>%.3f</td>"
                            + "<td>%.3f</td><td>%.3f</td></tr>\n",
                    esc(r.target() + " (" + r.via() + ")"),
                    r.requestsPerSecond(),
                    r.acceptedPerSecond(),
                    r.committedPerSecond(),
                    r.committed(),
                    c.at(50),
                    c.at(90),
                    c.at(99),
                    c.max()));
        }
        h.append("</table>\n<h2>Transactions per second (solid: committed, dashed: accepted)</h2>\n");
        h.append(throughputChart(runs));
        h.append("<h2>Commit latency: share of committed transactions within x seconds of their send</h2>\n");
        h.append(latencyChart(runs));
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String throughputChart(List<RunSummary> runs) {
        int seconds = 1;
        long peak = 1;
        for (RunSummary r : runs) {
            seconds = Math.max(seconds, r.committedSeries().length);
            for (long v : r.committedSeries()) {
                peak = Math.max(peak, v);
            }
            for (long v : r.acceptedSeries()) {
                peak = Math.max(peak, v);
            }
        }
        double yMax = niceCeiling(peak);
        StringBuilder s = frame("seconds since the first send", "tx/s", seconds, yMax);
        for (int k = 0; k < runs.size(); k++) {
            RunSummary r = runs.get(k);
            s.append(polyline(r.committedSeries(), seconds, yMax, COLOURS[k % COLOURS.length], false));
            s.append(polyline(r.acceptedSeries(), seconds, yMax, COLOURS[k % COLOURS.length], true));
        }
        legend(s, runs);
        return s.append("</svg>\n").toString();
    }

    private static String latencyChart(List<RunSummary> runs) {
        double xMax = 0.001;
        for (RunSummary r : runs) {
            if (r.commitLatency().count() > 0) {
                xMax = Math.max(xMax, r.commitLatency().max());
            }
        }
        xMax = niceCeiling(xMax);
        StringBuilder s = frame("seconds from send to commit", "share", xMax, 1.0);
        for (int k = 0; k < runs.size(); k++) {
            double[] v = runs.get(k).commitLatency().sorted();
            if (v.length == 0) {
                continue;
            }
            StringBuilder pts = new StringBuilder();
            int step = Math.max(1, v.length / 400);
            for (int i = 0; i < v.length; i += step) {
                pts.append(point(v[i], (i + 1) / (double) v.length, xMax, 1.0));
            }
            pts.append(point(v[v.length - 1], 1.0, xMax, 1.0));
            s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(COLOURS[k % COLOURS.length])
                    .append("\" points=\"")
                    .append(pts)
                    .append("\"/>\n");
        }
        legend(s, runs);
        return s.append("</svg>\n").toString();
    }

    private static StringBuilder frame(String xLabel, String yLabel, double xMax, double yMax) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
                W,
                H,
                W,
                H));
        for (int i = 0; i <= 5; i++) {
            double y = yMax * i / 5;
            double py = py(y, yMax);
            s.append(String.format(
                    Locale.ROOT,
                    "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    LEFT,
                    W - RIGHT,
                    py,
                    py,
                    LEFT - 4,
                    py + 4,
                    label(y)));
            double x = xMax * i / 5;
            double px = px(x, xMax);
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    px,
                    H - BOTTOM + 14,
                    label(x)));
        }
        s.append(String.format(
                Locale.ROOT,
                "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>"
                        + "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>\n"
                        + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                        + "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>\n",
                LEFT,
                W - RIGHT,
                H - BOTTOM,
                H - BOTTOM,
                LEFT,
                LEFT,
                TOP,
                H - BOTTOM,
                (LEFT + W - RIGHT) / 2,
                H - 8,
                esc(xLabel),
                (TOP + H - BOTTOM) / 2,
                (TOP + H - BOTTOM) / 2,
                esc(yLabel)));
        return s;
    }

    private static String polyline(long[] perSecond, int seconds, double yMax, String colour, boolean dashed) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < perSecond.length; i++) {
            pts.append(point(i + 0.5, perSecond[i], seconds, yMax));
        }
        return "<polyline fill=\"none\" stroke-width=\"" + (dashed ? 1 : 2) + "\" stroke=\"" + colour + "\""
                + (dashed ? " stroke-dasharray=\"4 3\"" : "") + " points=\"" + pts + "\"/>\n";
    }

    private static void legend(StringBuilder s, List<RunSummary> runs) {
        for (int k = 0; k < runs.size(); k++) {
            int y = TOP + 14 * k + 6;
            s.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
                    W - RIGHT - 220,
                    y - 4,
                    COLOURS[k % COLOURS.length],
                    W - RIGHT - 204,
                    y,
                    esc(runs.get(k).target())));
        }
    }

    private static String point(double x, double y, double xMax, double yMax) {
        return String.format(Locale.ROOT, "%.1f,%.1f ", px(x, xMax), py(y, yMax));
    }

    private static double px(double x, double xMax) {
        return LEFT + (W - LEFT - RIGHT) * Math.min(x, xMax) / xMax;
    }

    private static double py(double y, double yMax) {
        return H - BOTTOM - (H - BOTTOM - TOP) * Math.min(y, yMax) / yMax;
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above the value. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v * 0.999999) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String label(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2g", v);
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
