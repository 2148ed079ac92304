using System.CommandLine;
using CmkFunctions.Cli.Operations;
using CmkFunctions.Cli.Output;
using CmkFunctions.Cli.Service;

namespace CmkFunctions.Cli.Resources;

/// <summary><c>cmk resource create|show|list|delete|authorize|wait</c> and <c>cmk resource encryption update</c>.</summary>
internal static class ResourceCommands
{
    private static readonly Argument<string> Name = new("NAME") { Description = "The resource's name." };

    private static readonly Option<int?> PageSize = new("--page-size") { Description = "Resources per request (the API's $top, 1 to 1000); every page is read." };

    public static Command Create() => new("resource", "Encrypted resources.")
    {
        CreateCommand(),
        Show(),
        List(),
        Delete(),
        Authorize(),
        ResourceWait.Create(Name),
        EncryptionCommands.Create(Name),
    };

    private static Command CreateCommand()
    {
        var options = new CreateOptions();
        var command = new Command("create", "Create a resource and wait until it is Succeeded (or --no-wait).") { Name, LongRunning.NoWait };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.Run(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(Name)!;
            using var content = options.ToContent(parse);
            using var service = ServiceClient.From(parse);
            var accepted = await service.SendJsonAsync(HttpMethod.Put, ServiceClient.ResourcePath(name), content, cancellationToken);
            return await LongRunning.FinishAsync(parse, service, name, accepted, cancellationToken);
        });
        return command;
    }

    private static Command Show()
    {
        var command = new Command("show", "Show a resource.") { Name };
        command.Run(async (parse, cancellationToken) =>
        {
            using var service = ServiceClient.From(parse);
            await AnswerWriter.WriteAsync(parse, await service.GetJsonAsync(ServiceClient.ResourcePath(parse.GetValue(Name)!), cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the resources of the caller's tenant, every page of them.") { PageSize };
        command.Run(async (parse, cancellationToken) =>
        {
            using var service = ServiceClient.From(parse);
            var path = parse.GetValue(PageSize) is { } size ? $"api/resources?$top={size}" : "api/resources";
            await AnswerWriter.WriteAsync(parse, await service.ListAsync(path, cancellationToken));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete()
    {
        var command = new Command("delete", "Delete a resource and its disks, and wait until it is gone (or --no-wait).") { Name, LongRunning.NoWait };
        command.Run(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(Name)!;
            using var service = ServiceClient.From(parse);
            var accepted = await service.SendJsonAsync(HttpMethod.Delete, ServiceClient.ResourcePath(name), content: null, cancellationToken);
            return await LongRunning.FinishAsync(parse, service, name, accepted, cancellationToken);
        });
        return command;
    }

    private static Command Authorize()
    {
        var command = new Command("authorize", "Re-check now whether the resource's identity may use its key.") { Name };
        command.Run(async (parse, cancellationToken) =>
        {
            using var service = ServiceClient.From(parse);
            var (body, _) = await service.SendJsonAsync(HttpMethod.Post, ServiceClient.ResourcePath(parse.GetValue(Name)!) + "/authorize", content: null, cancellationToken);
            await AnswerWriter.WriteAsync(parse, body);
            return ExitCodes.Success;
        });
        return command;
    }
}
