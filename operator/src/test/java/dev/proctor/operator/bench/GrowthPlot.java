package dev.proctor.operator.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The cost-growth plot of docs/design.md ("Scale and cost") from the CSV {@link ScaleBench} prints
 * ({@code runs,cpu_ms_per_run,writes_per_run,rss_mib,heap_mib}): per-run cost above, the operator's memory below, runs on
 * a log axis. {@code GrowthPlot <csv> <png>}.
 */
public final class GrowthPlot {
    private GrowthPlot() {}

    public static void main(String[] args) throws IOException {
        write(Files.readAllLines(Path.of(args[0])), Path.of(args[1]));
    }

    static void write(List<String> csv, Path png) throws IOException {
        XYSeries cpu = new XYSeries("reconcile CPU per run (ms)");
        XYSeries writes = new XYSeries("API writes per run");
        XYSeries rss = new XYSeries("RSS (MiB)");
        XYSeries heap = new XYSeries("heap after full GC (MiB)");
        for (String line : csv.subList(1, csv.size())) {
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            double runs = Double.parseDouble(f[0]);
            cpu.add(runs, Double.parseDouble(f[1]));
            writes.add(runs, Double.parseDouble(f[2]));
            rss.add(runs, Double.parseDouble(f[3]));
            heap.add(runs, Double.parseDouble(f[4]));
        }
        LogAxis runsAxis = new LogAxis("runs in the burst");
        runsAxis.setBase(10);
        runsAxis.setSmallestValue(1);
        runsAxis.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten, written as a plain number
        runsAxis.setNumberFormatOverride(new DecimalFormat("#,##0"));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(runsAxis);
        plot.add(subplot(new NumberAxis("per run"), cpu, writes), 1);
        plot.add(subplot(new NumberAxis("MiB"), rss, heap), 1);
        JFreeChart chart = new JFreeChart("Proctor operator: cost as runs grow", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 600);
    }

    private static XYPlot subplot(NumberAxis axis, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) data.addSeries(s);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colours = {new Color(0xC0392B), new Color(0x2471A3)};
        for (int i = 0; i < series.length; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesPaint(i, colours[i % colours.length]);
        }
        axis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
