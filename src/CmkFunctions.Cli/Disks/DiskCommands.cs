using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using CmkFunctions.Cli.Operations;
using CmkFunctions.Cli.Service;
using CmkFunctions.Workflows.Api.Wire;

namespace CmkFunctions.Cli.Disks;

/// <summary><c>cmk disk add|read|write|recover</c>: a resource's disks and their decrypted content.</summary>
internal static class DiskCommands
{
    private static readonly Argument<string> Resource = new("NAME") { Description = "The resource's name." };

    private static readonly Argument<string> Disk = new("DISK") { Description = "The disk's name." };

    private static readonly Option<string> File = new("--file") { Description = "The local file.", Required = true };

    public static Command Create() => new("disk", "A resource's disks and their content.")
    {
        Add(),
        Read(),
        Write(),
        DiskRecovery.Create(),
    };

    private static Command Add()
    {
        var disks = DiskSpecs.Option(required: true);
        var command = new Command("add", "Add disks to a resource (scale-up) and wait (or --no-wait).") { Resource, disks, LongRunning.NoWait };
        command.Run(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(Resource)!;
            using var content = ServiceClient.JsonContent(new AddDisksBody(DiskSpecs.Parse(parse.GetValue(disks))));
            using var service = ServiceClient.From(parse);
            var accepted = await service.SendJsonAsync(HttpMethod.Post, ServiceClient.ResourcePath(name) + "/disks", content, cancellationToken);
            return await LongRunning.FinishAsync(parse, service, name, accepted, cancellationToken);
        });
        return command;
    }

    private static Command Read()
    {
        var range = new Option<string?>("--range") { Description = "Only these bytes, as HTTP says them: bytes=a-b, bytes=a- or bytes=-n." };
        var command = new Command("read", "Read a disk's decrypted content into a file (written whole or not at all).") { Resource, Disk, File, range };
        command.Run(async (parse, cancellationToken) =>
        {
            using var service = ServiceClient.From(parse);
            using var request = new HttpRequestMessage(HttpMethod.Get, service.Resolve(ContentPath(parse)));
            if (parse.GetValue(range) is { Length: > 0 } bytes && !request.Headers.TryAddWithoutValidation("Range", bytes))
            {
                throw CommandFailedException.Usage($"--range '{bytes}' is not a Range header value.");
            }

            using var response = await service.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await OutputFile.WriteAsync(parse.GetValue(File)!, async file =>
            {
                await using var content = await response.Content.ReadAsStreamAsync(cancellationToken);
                await content.CopyToAsync(file, cancellationToken);
                if (response.Content.Headers.ContentLength is { } expected && file.Length != expected)
                {
                    throw new CommandFailedException(ExitCodes.Unavailable, $"The transfer broke off after {file.Length} of {expected} bytes; nothing was written.");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Write()
    {
        var offset = new Option<long?>("--offset") { Description = "Where on the disk the file's bytes go (default: the file is the whole disk)." };
        var command = new Command("write", "Write a file's bytes to a disk, encrypted (each chunk is replaced atomically).") { Resource, Disk, File, offset };
        command.Run(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(File)!;
            using var service = ServiceClient.From(parse);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            using var body = new StreamContent(file);
            body.Headers.ContentLength = file.Length;
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var request = new HttpRequestMessage(HttpMethod.Put, service.Resolve(ContentPath(parse))) { Content = body };
            if (parse.GetValue(offset) is { } first)
            {
                if (file.Length == 0)
                {
                    throw CommandFailedException.Usage($"'{path}' is empty: there is nothing to write at offset {first}.");
                }

                body.Headers.TryAddWithoutValidation(
                    "Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes {first}-{first + file.Length - 1}/*"));
            }

            using var response = await service.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ContentPath(ParseResult parse) =>
        $"{ServiceClient.ResourcePath(parse.GetValue(Resource)!)}/disks/{Uri.EscapeDataString(parse.GetValue(Disk)!)}/content";
}
