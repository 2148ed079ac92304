using System.CommandLine;
using CmkFunctions.Cli.Disks;
using CmkFunctions.Cli.Operations;
using CmkFunctions.Cli.Resources;

namespace CmkFunctions.Cli;

/// <summary>The <c>cmk</c> command tree. A command line that does not parse prints why and exits <see cref="ExitCodes.Usage"/>.</summary>
internal static class CmkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("cmk: operate CmkFunctions, the customer-managed-key encryption service.")
        {
            ResourceCommands.Create(),
            DiskCommands.Create(),
            OperationCommands.Create(),
        };
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        // "@file" is a value of ours (--body @request.json), not a response file to expand into arguments.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Try 'cmk --help'.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync();
    }
}
