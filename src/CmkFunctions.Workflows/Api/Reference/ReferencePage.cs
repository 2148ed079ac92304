namespace CmkFunctions.Workflows.Api.Reference;

/// <summary>
/// The reference page: Scalar's browser bundle (<c>/docs/scalar.js</c>) rendering <c>/openapi/v1.json</c>. Both hosts
/// serve the API at the root of their URL, so the paths are absolute. Everything of Scalar's that talks to another
/// site is off (web fonts, telemetry, its AI agent and MCP, the developer toolbar's hosted services).
/// </summary>
internal static class ReferencePage
{
    public const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>CmkFunctions API reference</title>
        </head>
        <body>
          <div id="app"></div>
          <script src="/docs/scalar.js"></script>
          <script>
            Scalar.createApiReference('#app', {
              url: '/openapi/v1.json',
              withDefaultFonts: false,
              telemetry: false,
              agent: { disabled: true },
              mcp: { disabled: true },
              showDeveloperTools: 'never',
            });
          </script>
        </body>
        </html>
        """;
}
