namespace CmkFunctions.Infra.Tests;

/// <summary>The folder holding CmkFunctions.sln, found by walking up from the test's output folder.</summary>
internal static class RepositoryRoot
{
    private const string SolutionFile = "CmkFunctions.sln";

    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}: the tests must run from the repository's build output.");
    }
}
