using System.Text.Json;
using CmkFunctions.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Workflows.Api.Bodies;

/// <summary>
/// The one reader of request bodies, the same in both hosts: at most <see cref="MaxBytes"/> bytes (counted while
/// reading, so a body without <c>Content-Length</c> is bounded too), then JSON as minimal APIs read it (web defaults).
/// A body it cannot read is refused before the handler changes anything, with a <see cref="RequestBodyCodes"/> code
/// whose sentence and target name the member and the line and position at fault.
/// </summary>
public static class RequestBody
{
    /// <summary>1 MiB: far above any request the API takes, and the most Event Grid puts in one delivery.</summary>
    public const int MaxBytes = 1024 * 1024;

    private const int ReadSize = 16 * 1024;

    private static readonly JsonSerializerOptions Options = ReadOnly(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>The body as <typeparamref name="T"/>, or the refusal to answer instead.</summary>
    public static async Task<(T? Body, IResult? Refusal)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        var (bytes, refusal) = await ReadBytesAsync(request);
        if (bytes is null)
        {
            return (null, refusal);
        }

        var json = bytes.ToMemory();
        if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, Missing("The request has no body; send a JSON object."));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json.Span, Options) is { } body
                ? (body, null)
                : (null, Missing("The request body is JSON null; send a JSON object."));
        }
        catch (JsonException exception)
        {
            return (null, Problems.Refused([JsonBodyErrors.Describe(exception, typeof(T), json, Options)]));
        }
    }

    /// <summary>The body's bytes, or a 413 once there are more than <see cref="MaxBytes"/>.</summary>
    public static async Task<(BinaryData? Bytes, IResult? Refusal)> ReadBytesAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge($"its Content-Length is {request.ContentLength} bytes"));
        }

        using var body = new MemoryStream();
        var buffer = new byte[ReadSize];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            if (body.Length + read > MaxBytes)
            {
                return (null, TooLarge($"it goes on past {MaxBytes} bytes"));
            }

            body.Write(buffer, 0, read);
        }

        return (new BinaryData(body.ToArray()), null);
    }

    private static ProblemHttpResult Missing(string detail) => Problems.Refused([new Violation(RequestBodyCodes.BodyMissing, detail)]);

    private static ProblemHttpResult TooLarge(string size) => Problems.Refused(
        [new Violation(RequestBodyCodes.BodyTooLarge, $"The request body is too large: {size}, and a request body may have at most {MaxBytes} bytes (1 MiB).")]);

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
