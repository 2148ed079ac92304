using System.Globalization;
using System.Security;
using System.Text;

namespace CmkFunctions.Bench.Report;

/// <summary>
/// The benchmarks page's chart as SVG, drawn by hand. Left: each <c>rotate</c> run's seconds against its followers, both
/// on log scales, under horizontal lines at the windows in which Azure promises to finish its own automatic key
/// rotation. Right: the <c>provision</c> run's MiB/s of the encrypted path and its two peers as bars.
/// </summary>
internal static class BenchmarkChart
{
    private const int Width = 980;
    private const int Height = 440;
    private const int Top = 60;
    private const int Bottom = 380;

    private static readonly (double Seconds, string Label)[] RotationWindows =
    [
        (3600, "1 h: managed disks, Cosmos DB"),
        (7200, "2 h: Managed Redis"),
        (86400, "24 h: Storage, SQL TDE"),
    ];

    private static readonly (string Field, string Label)[] ProvisioningPaths =
    [
        ("encrypted", "encrypted"),
        ("plain_copy", "plain copy"),
        ("cse_v2", "CSE v2"),
    ];

    private static readonly int[] NiceSteps = [1, 2, 5, 10];

    public static string Svg(IReadOnlyList<BenchmarkRun> runs)
    {
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">"))
            .AppendLine(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
        Rotation(svg, runs);
        Provisioning(svg, runs.FirstOrDefault(run => run.Succeeded && run.Result!.Name == "provision")?.Result);
        return svg.AppendLine("</svg>").ToString();
    }

    private static void Rotation(StringBuilder svg, IReadOnlyList<BenchmarkRun> runs)
    {
        const double left = 80, right = 580;
        var points = runs.Where(run => run.Succeeded && run.Result!.Name == "rotate")
            .Select(run => (Followers: run.Result!.Number("n"), Seconds: run.Result.Number("seconds")))
            .Where(point => point.Followers > 0 && point.Seconds > 0)
            .Select(point => (Followers: point.Followers!.Value, Seconds: point.Seconds!.Value))
            .OrderBy(point => point.Followers)
            .ToList();

        var x = points.Count == 0
            ? new LogScale(2, 5, left, right)
            : new LogScale(Math.Log10(points[0].Followers) - 0.5, Math.Log10(points[^1].Followers) + 0.5, left, right);
        var y = new LogScale(
            Math.Floor(Math.Log10(Math.Min(1, points.Count == 0 ? 1 : points.Min(point => point.Seconds)))),
            Math.Ceiling(Math.Log10(Math.Max(RotationWindows[^1].Seconds, points.Count == 0 ? 1 : points.Max(point => point.Seconds)))),
            Bottom,
            Top);

        Title(svg, (left + right) / 2, "Rotation: seconds until every follower moved (log scales)");
        Frame(svg, left, right);
        foreach (var decade in y.Decades())
        {
            var value = Math.Pow(10, decade);
            Line(svg, left, y.Pixel(value), right, y.Pixel(value), "#eee", "grid");
            Text(svg, left - 6, y.Pixel(value) + 4, Invariant($"{value:#,0.###} s"), "end");
        }

        foreach (var decade in x.Decades())
        {
            var value = Math.Pow(10, decade);
            Text(svg, x.Pixel(value), Bottom + 18, Invariant($"{value:N0}"), "middle");
        }

        Text(svg, (left + right) / 2, Bottom + 40, "followers of the rotated key", "middle");
        foreach (var (seconds, label) in RotationWindows)
        {
            svg.AppendLine(Invariant(
                $"<line class=\"reference\" data-seconds=\"{seconds}\" x1=\"{left}\" y1=\"{y.Pixel(seconds):F1}\" x2=\"{right}\" y2=\"{y.Pixel(seconds):F1}\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/>"));
            Text(svg, right - 4, y.Pixel(seconds) - 4, label, "end", "#c0392b");
        }

        if (points.Count == 0)
        {
            Text(svg, (left + right) / 2, (Top + Bottom) / 2.0, "no rotate results", "middle", "#888");
            return;
        }

        svg.AppendLine(Invariant(
            $"<polyline points=\"{string.Join(' ', points.Select(point => Invariant($"{x.Pixel(point.Followers):F1},{y.Pixel(point.Seconds):F1}")))}\" fill=\"none\" stroke=\"#2c6fbb\"/>"));
        foreach (var (followers, seconds) in points)
        {
            svg.AppendLine(Invariant(
                $"<circle class=\"point\" data-followers=\"{followers}\" data-seconds=\"{seconds}\" cx=\"{x.Pixel(followers):F1}\" cy=\"{y.Pixel(seconds):F1}\" r=\"5\" fill=\"#2c6fbb\"/>"));
            Text(svg, x.Pixel(followers) + 8, y.Pixel(seconds) - 8, Invariant($"{seconds:0.#} s"), "start");
        }
    }

    private static void Provisioning(StringBuilder svg, ResultLine? provision)
    {
        const double left = 680, right = 940;
        Title(svg, (left + right) / 2, "Provisioning: MiB/s");
        Frame(svg, left, right);
        var bars = ProvisioningPaths
            .Select(path => (path.Label, Value: provision?.Number(path.Field)))
            .Where(bar => bar.Value is not null)
            .Select(bar => (bar.Label, Value: bar.Value!.Value))
            .ToList();
        if (bars.Count == 0)
        {
            Text(svg, (left + right) / 2, (Top + Bottom) / 2.0, "no provision result", "middle", "#888");
            return;
        }

        var top = NiceCeiling(bars.Max(bar => bar.Value) * 1.1);
        double Pixel(double value) => Bottom - (value / top * (Bottom - Top));
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = top * tick / 4;
            Line(svg, left, Pixel(value), right, Pixel(value), "#eee", "grid");
            Text(svg, left - 6, Pixel(value) + 4, Invariant($"{value:0.#}"), "end");
        }

        var slot = (right - left) / bars.Count;
        for (var index = 0; index < bars.Count; index++)
        {
            var (label, value) = bars[index];
            var center = left + (slot * index) + (slot / 2);
            svg.AppendLine(Invariant(
                $"<rect class=\"bar\" data-label=\"{Escape(label)}\" data-value=\"{value}\" x=\"{center - (slot * 0.3):F1}\" y=\"{Pixel(value):F1}\" width=\"{slot * 0.6:F1}\" height=\"{Bottom - Pixel(value):F1}\" fill=\"{(index == 0 ? "#2c6fbb" : "#9bb7d4")}\"/>"));
            Text(svg, center, Pixel(value) - 6, Invariant($"{value:0.#}"), "middle");
            Text(svg, center, Bottom + 18, label, "middle");
        }
    }

    /// <summary>The smallest of 1, 2, 5 times a power of ten at or above <paramref name="value"/>.</summary>
    private static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return NiceSteps.Select(step => step * power).First(candidate => candidate >= value);
    }

    private static void Title(StringBuilder svg, double center, string text) =>
        svg.AppendLine(Invariant($"<text x=\"{center:F1}\" y=\"30\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Escape(text)}</text>"));

    private static void Frame(StringBuilder svg, double left, double right)
    {
        Line(svg, left, Bottom, right, Bottom, "#333", "axis");
        Line(svg, left, Top, left, Bottom, "#333", "axis");
    }

    private static void Line(StringBuilder svg, double x1, double y1, double x2, double y2, string stroke, string kind) =>
        svg.AppendLine(Invariant($"<line class=\"{kind}\" x1=\"{x1:F1}\" y1=\"{y1:F1}\" x2=\"{x2:F1}\" y2=\"{y2:F1}\" stroke=\"{stroke}\"/>"));

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor, string fill = "#333") =>
        svg.AppendLine(Invariant($"<text x=\"{x:F1}\" y=\"{y:F1}\" text-anchor=\"{anchor}\" fill=\"{fill}\">{Escape(text)}</text>"));

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Maps values between 10^<paramref name="Low"/> and 10^<paramref name="High"/> onto pixels, logarithmically.</summary>
    private sealed record LogScale(double Low, double High, double From, double To)
    {
        public double Pixel(double value) => From + ((Math.Log10(value) - Low) / (High - Low) * (To - From));

        public IEnumerable<int> Decades() =>
            Enumerable.Range((int)Math.Ceiling(Low), (int)Math.Floor(High) - (int)Math.Ceiling(Low) + 1);
    }
}
