using CmkFunctions.Workflows;
using CmkFunctions.Workflows.Api;

namespace CmkFunctions.Functions.Tests;

/// <summary>
/// The hand-written <c>[Function]</c> wrappers cover the shared workflow library: every orchestrator, activity and HTTP
/// function reaches the Functions host under its name, with the trigger, route and method the other host maps.
/// </summary>
public sealed class FunctionsMetadataTests(PublishedFunctionsApp app) : IClassFixture<PublishedFunctionsApp>
{
    private const string KeyVaultWebhookRoute = "api/events/keyvault";

    [Fact]
    public void EveryOrchestratorHasAnOrchestrationTriggerFunction()
    {
        Assert.NotEmpty(WorkflowCatalog.Orchestrators);

        var missing = MissingTriggers(WorkflowCatalog.Orchestrators, "orchestrationTrigger");

        Assert.True(missing.Count == 0, $"No [OrchestrationTrigger] function for orchestrator(s): {string.Join(", ", missing)}.");
    }

    [Fact]
    public void EveryActivityHasAnActivityTriggerFunction()
    {
        Assert.NotEmpty(WorkflowCatalog.Activities);

        var missing = MissingTriggers(WorkflowCatalog.Activities, "activityTrigger");

        Assert.True(missing.Count == 0, $"No [ActivityTrigger] function for activity(ies): {string.Join(", ", missing)}.");
    }

    [Fact]
    public void EveryHttpFunctionHasAnHttpTriggerOnItsRouteAndMethod()
    {
        Assert.NotEmpty(HttpFunctions.All);

        var problems = new List<string>();
        foreach (var function in HttpFunctions.All.GroupBy(function => function.Name))
        {
            var trigger = app.Find(function.Key)?.Binding("httpTrigger");
            if (trigger is null)
            {
                problems.Add($"{function.Key}: no [HttpTrigger] function");
                continue;
            }

            var routes = function.Select(entry => entry.Route).Distinct(StringComparer.Ordinal);
            if (routes.FirstOrDefault(route => route != trigger.Route) is { } route)
            {
                problems.Add($"{function.Key}: route '{trigger.Route}', expected '{route}'");
            }

            var expectedMethods = function.Select(entry => entry.Method).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!expectedMethods.SetEquals(trigger.Methods ?? []))
            {
                problems.Add($"{function.Key}: methods [{string.Join(", ", trigger.Methods ?? [])}], expected [{string.Join(", ", expectedMethods)}]");
            }
        }

        Assert.True(problems.Count == 0, $"HTTP functions that differ from HttpFunctions.All:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void OnlyTheKeyVaultWebhookRequiresAFunctionKey()
    {
        var problems = new List<string>();
        foreach (var function in HttpFunctions.All.DistinctBy(function => function.Name))
        {
            var expected = function.Route == KeyVaultWebhookRoute ? "Function" : "Anonymous";
            var authLevel = app.Find(function.Name)?.Binding("httpTrigger")?.AuthLevel;
            if (!string.Equals(authLevel, expected, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{function.Name}: authLevel '{authLevel}', expected '{expected}'");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void HostJsonServesTheRoutesWithoutAPrefix()
    {
        var routePrefix = app.HostJson.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var value)
                ? value.GetString()
                : null;

        Assert.Equal("", routePrefix);
    }

    private List<string> MissingTriggers(IEnumerable<Type> workflowClasses, string triggerType) =>
    [
        .. workflowClasses
            .Select(WorkflowCatalog.NameOf)
            .Where(name => app.Find(name)?.Binding(triggerType) is not { Direction: var direction }
                || !string.Equals(direction, "In", StringComparison.OrdinalIgnoreCase)),
    ];
}
