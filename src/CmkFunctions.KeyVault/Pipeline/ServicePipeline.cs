using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CmkFunctions.KeyVault.Pipeline;

/// <summary>Sends requests through the client's pipeline and turns failures into the client's exceptions.</summary>
/// <param name="keyRequests">Whether requests are about keys (data plane), so that 404 means the key is not found.</param>
internal sealed class ServicePipeline(HttpPipeline pipeline, bool keyRequests)
{
    // Unbuffered answers (key material, errors) are a few hundred bytes; a larger one is not Key Vault's.
    private const int MaxUnbufferedResponseBytes = 64 * 1024;

    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        return message;
    }

    /// <summary>Sends the message; returns only when the response is a success, with its buffered body.</summary>
    public async ValueTask<BinaryData> SendAsync(HttpMessage message, string operation, bool async, CancellationToken cancellationToken)
    {
        await SendCoreAsync(message, operation, async, cancellationToken).ConfigureAwait(false);
        return message.Response.Content;
    }

    /// <summary>
    /// Sends a message whose response holds key material: the body is read into <paramref name="readBody"/>'s buffer,
    /// which is zeroed once <paramref name="readBody"/> returns, instead of staying in a pipeline buffer.
    /// </summary>
    public async ValueTask<T> SendSensitiveAsync<T>(
        HttpMessage message, string operation, Func<ReadOnlySpan<byte>, T> readBody, bool async, CancellationToken cancellationToken)
    {
        message.BufferResponse = false;
        await SendCoreAsync(message, operation, async, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxUnbufferedResponseBytes];
        var length = 0;
        try
        {
            length = await ReadAllAsync(message.Response.ContentStream, buffer, async, cancellationToken).ConfigureAwait(false);
            return readBody(buffer.AsSpan(0, length));
        }
        finally
        {
            Array.Clear(buffer, 0, length);
        }
    }

    private async ValueTask SendCoreAsync(HttpMessage message, string operation, bool async, CancellationToken cancellationToken)
    {
        try
        {
            if (async)
            {
                await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                pipeline.Send(message, cancellationToken);
            }
        }
        catch (Exception exception) when (IsConnectionFailure(exception, cancellationToken))
        {
            // After its last try, Azure.Core's retry policy throws every try's failure in one AggregateException.
            var last = exception is AggregateException tries ? tries.InnerExceptions[^1] : exception;
            throw new KeyVaultUnreachableException($"Key Vault {operation} failed: {last.Message}", exception);
        }

        if (message.Response.IsError)
        {
            var body = message.BufferResponse
                ? message.Response.Content.ToMemory()
                : await ReadErrorBodyAsync(message.Response, async, cancellationToken).ConfigureAwait(false);
            throw ServiceError.ToException(message.Response, body.Span, operation, keyRequests);
        }
    }

    private static bool IsConnectionFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException failure => failure.Status == 0,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        IOException => true,
        AggregateException tries => tries.InnerExceptions.All(inner => IsConnectionFailure(inner, cancellationToken)),
        _ => false,
    };

    private static async ValueTask<ReadOnlyMemory<byte>> ReadErrorBodyAsync(Response response, bool async, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxUnbufferedResponseBytes];
        var length = await ReadAllAsync(response.ContentStream, buffer, async, cancellationToken).ConfigureAwait(false);
        return buffer.AsMemory(0, length);
    }

    private static async ValueTask<int> ReadAllAsync(Stream? stream, byte[] buffer, bool async, CancellationToken cancellationToken)
    {
        if (stream is null)
        {
            return 0;
        }

        var length = 0;
        while (length < buffer.Length)
        {
            var read = async
                ? await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)
                : stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return length;
            }

            length += read;
        }

        throw new InvalidDataException($"The response is larger than {buffer.Length} bytes, which no Key Vault answer is.");
    }
}
