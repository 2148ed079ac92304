namespace CmkFunctions.Host.Hosting;

/// <summary>
/// Settings as an Azure Functions app reads them, lowest precedence first: <c>host.json</c> beside the binaries
/// (host-wide settings), <c>local.settings.json</c> in the current directory (local values, applied as environment
/// variables like Functions Core Tools does), then environment variables and the command line. As in Functions,
/// <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> overrides a <c>host.json</c> setting.
/// </summary>
public static class HostConfiguration
{
    public const string HostFileName = "host.json";
    public const string LocalSettingsFileName = "local.settings.json";
    public const string HostSettingsOverridePrefix = "AzureFunctionsJobHost__";

    public static WebApplicationBuilder AddCmkConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        LocalSettings.ApplyToEnvironment(Path.Combine(Directory.GetCurrentDirectory(), LocalSettingsFileName));
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, HostFileName), optional: false, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddEnvironmentVariables(HostSettingsOverridePrefix)
            .AddCommandLine(args);
        return builder;
    }
}
