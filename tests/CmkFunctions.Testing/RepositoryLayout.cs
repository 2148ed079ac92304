using System.Reflection;

namespace CmkFunctions.Testing;

/// <summary>Where the repository and its build outputs are, found from the running test assembly.</summary>
public static class RepositoryLayout
{
    private const string SolutionFile = "CmkFunctions.sln";

    /// <summary>The folder holding CmkFunctions.sln, found by walking up from the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration (Debug, Release) these test libraries were built in.</summary>
    public static string BuildConfiguration { get; } =
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BuildConfiguration").Value!;

    /// <summary>A built dev tool's entry assembly: <c>src/NAME/bin/CONFIGURATION/net10.0/NAME.dll</c>.</summary>
    public static string BuiltToolPath(string projectName) =>
        Path.Combine(Root, "src", projectName, "bin", BuildConfiguration, "net10.0", projectName + ".dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}: the tests must run from the repository's build output.");
    }
}
