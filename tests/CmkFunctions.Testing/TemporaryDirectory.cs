using System.Diagnostics;
using System.Globalization;

namespace CmkFunctions.Testing;

/// <summary>
/// A fresh folder under the system temp folder, deleted with everything in it on dispose. Its name carries the test
/// process's id, so folders of test runs that were killed before disposing can be found and deleted later.
/// </summary>
public sealed class TemporaryDirectory : IDisposable
{
    private const string Prefix = "cmkfunctions-";

    public TemporaryDirectory(string purpose)
    {
        DeleteAbandoned(purpose);
        Path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(),
            string.Create(CultureInfo.InvariantCulture, $"{Prefix}{purpose}-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Subdirectory(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private static void DeleteAbandoned(string purpose)
    {
        foreach (var directory in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), $"{Prefix}{purpose}-*-*"))
        {
            var owner = System.IO.Path.GetFileName(directory)[$"{Prefix}{purpose}-".Length..].Split('-')[0];
            if (!int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
            {
                continue;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Another test run is deleting it too.
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
