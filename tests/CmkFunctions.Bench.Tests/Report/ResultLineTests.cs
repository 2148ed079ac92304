using CmkFunctions.Bench.Report;

namespace CmkFunctions.Bench.Tests.Report;

public class ResultLineTests
{
    [Fact]
    public void ResultLine_KeepsNameAndFieldsInPrintedOrder()
    {
        Assert.True(ResultLine.TryParse("rotate: n=1000 seconds=12.50 failed=0", out var line));

        Assert.Equal("rotate", line.Name);
        Assert.Equal(["n", "seconds", "failed"], line.Fields.Select(field => field.Key));
        Assert.Equal(12.5, line.Number("seconds"));
    }

    [Theory]
    [InlineData("chunk=4096KiB encrypt=2500MiB/s raw=2600MiB/s")]
    [InlineData("round 1: encrypted=62.6MiB/s (16.35s) plain_copy=133.4MiB/s (7.68s)")]
    [InlineData("created 1000 followers in 12.3s")]
    [InlineData("provision:")]
    public void ProgressOutput_IsNoResultLine(string output) => Assert.False(ResultLine.TryParse(output, out _));

    [Fact]
    public void Number_IsNullForTextAndMissingFields()
    {
        Assert.True(ResultLine.TryParse("crypto: encrypt=2500 mode=gcm", out var line));

        Assert.Null(line.Number("mode"));
        Assert.Null(line.Number("decrypt"));
    }
}
