namespace CmkFunctions.Workflows.Access;

/// <summary>One sweep of the health check.</summary>
/// <param name="Interval">How long to wait before the next sweep (<c>Cmk:HealthCheckInterval</c> as the last page read it).</param>
public sealed record KeyAccessSweep(TimeSpan Interval);

/// <summary>The page of the resources to check next: the first when <paramref name="Continuation"/> is null.</summary>
public sealed record KeyAccessSweepStep(string? Continuation);

/// <summary>What one page's check left: where the next page starts (null after the last) and the interval to wait after the sweep.</summary>
public sealed record KeyAccessSweepPage(string? Continuation, TimeSpan Interval);
