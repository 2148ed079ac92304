using System.CommandLine;

namespace CmkFunctions.Cli;

/// <summary>The options every command takes, as <c>az</c> has them: where the service is, who calls, how to print.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Endpoint = new("--endpoint")
    {
        Description = "The service's base URL (default: $CMK_HOST_URL).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CMK_HOST_URL"),
    };

    public static readonly Option<string> Output = new Option<string>("--output", "-o")
    {
        Description = "json, table (aligned columns of the main fields) or tsv.",
        Recursive = true,
        DefaultValueFactory = _ => "json",
    }.AcceptOnlyFromAmong("json", "table", "tsv");

    public static readonly Option<string?> Query = new("--query")
    {
        Description = "A path into the answer: .a.b, .a[0], .a[].b",
        Recursive = true,
    };

    public static readonly Option<string?> Audience = new("--audience")
    {
        Description = "The API's application id URI, whose token is asked for (default: $CMK_API_AUDIENCE).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CMK_API_AUDIENCE"),
    };

    public static readonly Option<string?> ClientId = new("--client-id")
    {
        Description = "A user-assigned managed identity to call as (default: $AZURE_CLIENT_ID).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"),
    };

    public static IEnumerable<Option> All => [Endpoint, Output, Query, Audience, ClientId];
}
