using System.Text.Json;

namespace CmkFunctions.LocalKeyVault.State;

/// <summary>How state records are stored in the data directory: indented JSON, written atomically.</summary>
public static class StateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static T? Read<T>(string path) where T : class =>
        File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Options) : null;

    public static void Write<T>(string path, T value) =>
        AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(value, Options));
}
