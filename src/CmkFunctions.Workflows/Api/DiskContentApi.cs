using CmkFunctions.Core.Cryptography;
using CmkFunctions.Core.Kinds;
using CmkFunctions.Workflows.Disks;
using CmkFunctions.Workflows.Records;
using CmkFunctions.KeyVault;
using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// <c>GET|PUT /api/resources/{name}/disks/{disk}/content</c>. GET: a provisioned disk's plaintext, whole (200) or one
/// <c>Range: bytes=a-b</c> (206 with <c>Content-Range</c>), decrypted and streamed chunk by chunk. A chunk that fails its
/// integrity check is never sent: at the start the answer is an RFC 7807 500; later the connection is aborted, so the
/// client sees a broken transfer rather than wrong bytes. PUT: writes a byte range, chunk-atomically.
/// </summary>
public static class DiskContentApi
{
    private const string OctetStream = "application/octet-stream";

    public static async Task<IResult> ReadAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        var name = http.Name();
        var disk = http.Disk();
        var services = DiskContentServices.From(http);
        var cancellationToken = http.RequestAborted;
        var (resource, refusal) = await DiskContentChecks.CheckAsync(services, name, disk, "read");
        if (resource is null)
        {
            return refusal!;
        }

        DiskContent? content = null;
        IAsyncEnumerator<ReadOnlyMemory<byte>>? pieces = null;
        try
        {
            content = await services.Reader.OpenAsync(name, disk, resource.Spec.KeyClientId(services.Options.Value) ?? string.Empty, cancellationToken);
            var range = ContentRanges.ToRead(http.Request, content.Length);
            if (range is null)
            {
                http.Response.Headers.ContentRange = $"bytes */{content.Length}";
                return Problems.Status(StatusCodes.Status416RangeNotSatisfiable, "Range Not Satisfiable",
                    $"Disk '{disk}' of resource '{name}' has {content.Length} bytes; the requested range '{http.Request.Headers.Range}' lies outside it.");
            }

            var (offset, count, partial) = range.Value;
            pieces = content.ReadAsync(offset, count, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await pieces.MoveNextAsync();
            var result = new DecryptedStream(content, pieces, offset, count, partial, services.Loggers.CreateLogger(typeof(DiskContentApi).FullName!));
            (content, pieces) = (null, null);
            return result;
        }
        catch (DiskIntegrityException exception)
        {
            return Tampered(name, disk, "read", exception);
        }
        catch (Exception exception) when (exception is KeyVaultAccessDeniedException or KeyVaultKeyNotFoundException or KeyVaultKeyUnusableException)
        {
            return await DiskContentChecks.KeyRefusedAsync(services, resource, disk, "read", exception);
        }
        finally
        {
            if (pieces is not null)
            {
                await pieces.DisposeAsync();
            }

            content?.Dispose();
        }
    }

    /// <summary>
    /// Writes the body at the range its <c>Content-Range</c> (or <c>Range</c>) names, encrypting through the key cache;
    /// 204 when every chunk it touches is replaced. Each chunk is replaced atomically, the write as a whole is not.
    /// </summary>
    public static async Task<IResult> WriteAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        var name = http.Name();
        var disk = http.Disk();
        var services = DiskContentServices.From(http);
        var cancellationToken = http.RequestAborted;
        var (resource, refusal) = await DiskContentChecks.CheckAsync(services, name, disk, "written");
        if (resource is null)
        {
            return refusal!;
        }

        try
        {
            using var target = await services.Writer.OpenAsync(name, disk, resource.Spec.KeyClientId(services.Options.Value) ?? string.Empty, cancellationToken);
            var (offset, count, rangeRefusal) = ContentRanges.ToWrite(http.Request, target.Length);
            if (rangeRefusal is not null)
            {
                return rangeRefusal;
            }

            await target.WriteAsync(offset, count, http.Request.Body, cancellationToken);
            return TypedResults.NoContent();
        }
        catch (DiskIntegrityException exception)
        {
            return Tampered(name, disk, "written", exception);
        }
        catch (EndOfStreamException)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Bad Request",
                $"The body ended before its Content-Length; disk '{disk}' of resource '{name}' has the chunks before that point written.");
        }
        catch (ConcurrentChunkWriteException exception)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Conflict", $"{exception.Message} Retry the write.");
        }
        catch (DiskReencryptedDuringWriteException exception)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Conflict", $"{exception.Message} Write it again.");
        }
        catch (Exception exception) when (exception is KeyVaultAccessDeniedException or KeyVaultKeyNotFoundException or KeyVaultKeyUnusableException)
        {
            return await DiskContentChecks.KeyRefusedAsync(services, resource, disk, "written", exception);
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Tampered(string name, string disk, string action, DiskIntegrityException exception) =>
        Problems.Status(StatusCodes.Status500InternalServerError, "Disk integrity check failed",
            $"Disk '{disk}' of resource '{name}' cannot be {action}: its stored data was altered, swapped or truncated. {exception.Message} No data was {(action == "read" ? "returned" : "changed by this request")}.",
            new Dictionary<string, object?> { ["reason"] = exception.Reason.ToString(), ["chunkIndex"] = exception.ChunkIndex });

    /// <summary>Sends the decrypted pieces as they come; the first was decrypted before the status line was chosen.</summary>
    private sealed class DecryptedStream(
        DiskContent content, IAsyncEnumerator<ReadOnlyMemory<byte>> pieces, long offset, long count, bool partial, ILogger logger) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            try
            {
                response.StatusCode = partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
                response.ContentType = OctetStream;
                response.ContentLength = count;
                response.Headers.AcceptRanges = "bytes";
                if (partial)
                {
                    response.Headers.ContentRange = new ContentRangeHeaderValue(offset, offset + count - 1, content.Length).ToString();
                }

                do
                {
                    await response.Body.WriteAsync(pieces.Current, httpContext.RequestAborted);
                }
                while (await pieces.MoveNextAsync());
            }
            catch (DiskIntegrityException exception)
            {
                logger.LogError(exception, "Disk read aborted after {Status} was sent: a chunk failed its integrity check.", response.StatusCode);
                httpContext.Abort();
            }
            finally
            {
                await pieces.DisposeAsync();
                content.Dispose();
            }
        }
    }
}
