package io.github.session4j.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A horizontal grouped bar chart as plain SVG (no fonts, scripts or network needed to draw it):
 * one group of bars per category, one bar per series, each labelled with its value.
 */
final class SvgBarChart {

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1"};
    private static final int LABEL_WIDTH = 190;
    private static final int PLOT_WIDTH = 520;
    private static final int BAR_HEIGHT = 12;
    private static final int GROUP_GAP = 10;

    private final String title;
    private final String unit;
    private final List<String> categories = new ArrayList<>();
    private final Map<String, Map<String, Double>> series = new LinkedHashMap<>();

    /**
     * Starts a chart.
     *
     * @param title the title
     * @param unit the unit of the values, shown on the axis
     */
    SvgBarChart(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    /**
     * Adds a value; categories and series appear in the order first added.
     *
     * @param category the group (a row)
     * @param seriesName the bar within the group
     * @param value the value, at least 0
     * @return this chart
     */
    SvgBarChart add(String category, String seriesName, double value) {
        if (!categories.contains(category)) {
            categories.add(category);
        }
        series.computeIfAbsent(seriesName, s -> new LinkedHashMap<>()).put(category, value);
        return this;
    }

    /**
     * Tells whether nothing was added.
     *
     * @return true when empty
     */
    boolean isEmpty() {
        return categories.isEmpty();
    }

    /**
     * Draws the chart.
     *
     * @return the SVG document
     */
    String svg() {
        double max = series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(Double::doubleValue).max().orElse(1);
        int groupHeight = series.size() * BAR_HEIGHT + GROUP_GAP;
        int top = 40 + 18 * ((series.size() + 2) / 3);
        int height = top + categories.size() * groupHeight + 30;
        int width = LABEL_WIDTH + PLOT_WIDTH + 90;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", escape(title)));
        int s = 0;
        for (String name : series.keySet()) {
            int x = 10 + (s % 3) * 230;
            int y = 32 + (s / 3) * 18;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, y, COLOURS[s % COLOURS.length], x + 16, y + 10, escape(name)));
            s++;
        }
        for (int c = 0; c < categories.size(); c++) {
            String category = categories.get(c);
            int groupTop = top + c * groupHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 6, groupTop + series.size() * BAR_HEIGHT / 2 + 4, escape(category)));
            int b = 0;
            for (Map.Entry<String, Map<String, Double>> entry : series.entrySet()) {
                Double value = entry.getValue().get(category);
                if (value != null) {
                    int length = (int) Math.round(PLOT_WIDTH * value / max);
                    int y = groupTop + b * BAR_HEIGHT;
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"9\">%s</text>%n", LABEL_WIDTH, y, Math.max(length, 1),
                            BAR_HEIGHT - 2, COLOURS[b % COLOURS.length], LABEL_WIDTH + length + 4, y + 9, number(value)));
                }
                b++;
            }
        }
        int axisY = height - 18;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n",
                LABEL_WIDTH, top - 4, LABEL_WIDTH, axisY - 10));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">0 … %s %s</text>%n",
                LABEL_WIDTH, axisY, number(max), escape(unit)));
        return svg.append("</svg>\n").toString();
    }

    static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
