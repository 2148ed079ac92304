using Azure;
using Azure.Identity;
using CmkFunctions.Core.Cryptography;
using CmkFunctions.KeyVault;

namespace CmkFunctions.Cli;

/// <summary>The one table from what went wrong to an exit code and the sentence that says so.</summary>
internal static class Failures
{
    public static CommandFailedException From(Exception exception) => exception switch
    {
        CommandFailedException failed => failed,
        KeyVaultKeyNotFoundException notFound => new(ExitCodes.Refused, notFound.Message, notFound),
        KeyVaultRequestException keyVault when keyVault.Status is >= 400 and < 500 and not (401 or 403) =>
            new(ExitCodes.Refused, keyVault.Message, keyVault),
        // Refused access (401, 403: KeyDisabled, ForbiddenByPolicy...), throttling after every retry, no answer.
        KeyVaultRequestException keyVault => new(ExitCodes.Unavailable, keyVault.Message, keyVault),
        DiskIntegrityException integrity =>
            new(ExitCodes.OperationFailed, $"The disk failed its integrity check ({integrity.Reason}): {integrity.Message}", integrity),
        AuthenticationFailedException authentication =>
            new(ExitCodes.Unavailable, $"No token: {FirstLine(authentication.Message)}", authentication),
        RequestFailedException storage when storage.Status is 401 or 403 or 0 or >= 500 =>
            new(ExitCodes.Unavailable, $"Storage: {FirstLine(storage.Message)}", storage),
        RequestFailedException storage => new(ExitCodes.Refused, $"Storage: {FirstLine(storage.Message)}", storage),
        HttpRequestException transport => new(ExitCodes.Unavailable, $"No answer: {transport.Message}", transport),
        TaskCanceledException timeout => new(ExitCodes.Unavailable, $"No answer in time: {timeout.Message}", timeout),
        IOException io => new(ExitCodes.Unavailable, io.Message, io),
        UnauthorizedAccessException file => new(ExitCodes.Unavailable, file.Message, file),
        _ => throw new InvalidOperationException($"Unexpected failure: {exception.Message}", exception),
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('\r');
}
