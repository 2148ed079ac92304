using System.Globalization;
using System.Xml.Linq;
using CmkFunctions.Bench.Report;
using static CmkFunctions.Bench.Tests.Report.BenchmarkReportTests;

namespace CmkFunctions.Bench.Tests.Report;

public class BenchmarkChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void RotationWindows_SitOnALogScale()
    {
        var chart = Parse([Run("rotate 1000", 0, "rotate: n=1000 seconds=6.5")]);

        var windows = chart.Descendants(Svg + "line").Where(line => (string?)line.Attribute("class") == "reference")
            .ToDictionary(line => Number(line, "data-seconds"), line => Number(line, "y1"));
        Assert.Equal([3600, 7200, 86400], windows.Keys.Order());
        // Equal ratios are equal distances: 1 h to 2 h is log(2)/log(24) of 1 h to 24 h.
        var share = (windows[3600] - windows[7200]) / (windows[3600] - windows[86400]);
        Assert.Equal(Math.Log(2) / Math.Log(24), share, 2);
    }

    [Fact]
    public void EachRotateRun_IsAPointBelowTheWindowsWhenFaster()
    {
        var chart = Parse([Run("rotate 1000", 0, "rotate: n=1000 seconds=6.5"), Run("rotate 10000", 0, "rotate: n=10000 seconds=52")]);

        var points = chart.Descendants(Svg + "circle").Where(circle => (string?)circle.Attribute("class") == "point").ToList();
        Assert.Equal([1000, 10000], points.Select(point => Number(point, "data-followers")));
        var oneHour = chart.Descendants(Svg + "line").Single(line => (string?)line.Attribute("data-seconds") == "3600");
        Assert.All(points, point => Assert.True(Number(point, "cy") > Number(oneHour, "y1")));
        Assert.True(Number(points[0], "cx") < Number(points[1], "cx"));
    }

    [Fact]
    public void FailedRotateRun_IsNoPoint()
    {
        var chart = Parse([Run("rotate 10000", 1, "rotate: n=10000 seconds=600 failed=12")]);

        Assert.DoesNotContain(chart.Descendants(Svg + "circle"), circle => (string?)circle.Attribute("class") == "point");
    }

    [Fact]
    public void ProvisioningPaths_AreBarsScaledToTheirMiBPerSecond()
    {
        var chart = Parse([Run("provision", 0, "provision: encrypted=90.0 plain_copy=100.0 cse_v2=45.0 ratio=0.900 ratio_vs_cse_v2=2.000")]);

        var bars = chart.Descendants(Svg + "rect").Where(rect => (string?)rect.Attribute("class") == "bar")
            .ToDictionary(rect => (string)rect.Attribute("data-label")!, rect => Number(rect, "height"));
        Assert.Equal(["encrypted", "plain copy", "CSE v2"], bars.Keys);
        Assert.Equal(0.9, bars["encrypted"] / bars["plain copy"], 2);
        Assert.Equal(0.45, bars["CSE v2"] / bars["plain copy"], 2);
    }

    private static XDocument Parse(IReadOnlyList<BenchmarkRun> runs) => XDocument.Parse(BenchmarkChart.Svg(runs));

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
