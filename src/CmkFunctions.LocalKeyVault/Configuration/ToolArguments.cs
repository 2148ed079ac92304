namespace CmkFunctions.LocalKeyVault.Configuration;

/// <summary>The command line: <c>--config &lt;file.json&gt; --data &lt;dir&gt;</c>.</summary>
public sealed record ToolArguments(string ConfigFile, string DataDirectory)
{
    public static ToolArguments Parse(IReadOnlyList<string> args)
    {
        string? config = null;
        string? data = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--config":
                    config = value;
                    i++;
                    break;
                case "--data":
                    data = value;
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: --config <file.json> --data <dir>");
            }
        }

        if (string.IsNullOrWhiteSpace(config) || string.IsNullOrWhiteSpace(data))
        {
            throw new ArgumentException("Usage: --config <file.json> --data <dir>");
        }

        return new ToolArguments(Path.GetFullPath(config), Path.GetFullPath(data));
    }
}
