using System.Text.Json;
using CmkFunctions.Core.Validation;

namespace CmkFunctions.Workflows.Api.Bodies;

/// <summary>
/// Turns what System.Text.Json could not read into a violation that names the member (its <c>Path</c>), the line and
/// position, and the problem: not JSON (<see cref="RequestBodyCodes.JsonInvalid"/>), or a value of the wrong type
/// (<see cref="RequestBodyCodes.JsonTypeMismatch"/>), saying what the member takes and what the request gave.
/// </summary>
internal static class JsonBodyErrors
{
    public static Violation Describe(JsonException exception, Type bodyType, ReadOnlyMemory<byte> body, JsonSerializerOptions options)
    {
        var path = JsonPath.Parse(exception.Path);
        var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $"line {line + 1}, position {position + 1}"
            : "an unknown position";

        // The reader's own exception inside means the bytes are not JSON; without it, JSON that does not fit the type.
        if (exception.InnerException is JsonException syntax)
        {
            var near = path.Target is { } target ? $", in {target}" : string.Empty;
            return new Violation(RequestBodyCodes.JsonInvalid,
                $"The request body is not valid JSON at {where}{near}: {Reason(syntax)}", path.Target);
        }

        var subject = path.Target ?? "The request body";
        var expected = JsonShapes.Expected(options, bodyType, path) ?? "of another type";
        var given = Given(body, path) is { } value ? $"; the request gives {value}" : string.Empty;
        return new Violation(RequestBodyCodes.JsonTypeMismatch,
            $"{subject} must be {expected}{given} (at {where}).", path.Target);
    }

    /// <summary>The reader's message without the position it appends (the sentence gives it once).</summary>
    private static string Reason(JsonException syntax)
    {
        var message = syntax.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position < 0 ? message : message[..position];
    }

    /// <summary>What the request has at the path; null when the body is not JSON past the member, so it cannot be told.</summary>
    private static string? Given(ReadOnlyMemory<byte> body, JsonPath path)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return path.Find(document.RootElement) is { } value ? JsonShapes.Describe(value) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
