namespace CmkFunctions.Host.Hosting;

/// <summary>
/// Settings as an Azure Functions app reads them, lowest precedence first: <c>host.json</c> beside the binaries
/// (host-wide settings), <c>local.settings.json</c> in the current directory (local values, applied as environment
/// variables like Functions Core Tools does), then environment variables and the command line.
/// </summary>
public static class HostConfiguration
{
    public const string HostFileName = "host.json";
    public const string LocalSettingsFileName = "local.settings.json";

    public static WebApplicationBuilder AddCmkConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        LocalSettings.ApplyToEnvironment(Path.Combine(Directory.GetCurrentDirectory(), LocalSettingsFileName));
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, HostFileName), optional: false, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
        return builder;
    }
}
