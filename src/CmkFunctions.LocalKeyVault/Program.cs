using System.Text.Json;
using CmkFunctions.LocalKeyVault.Configuration;
using CmkFunctions.LocalKeyVault.Hosting;

try
{
    await using var app = LocalKeyVaultApp.Build(ToolArguments.Parse(args));
    await app.StartAsync();
    LocalKeyVaultApp.WriteEndpoints(app);
    Console.WriteLine("LocalKeyVault ready");
    await app.WaitForShutdownAsync();
    return 0;
}
catch (Exception e) when (e is ArgumentException or InvalidDataException or JsonException or IOException)
{
    await Console.Error.WriteLineAsync($"LocalKeyVault: {e.Message}");
    return 2;
}
