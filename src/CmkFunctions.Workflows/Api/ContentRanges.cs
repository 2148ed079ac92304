using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Workflows.Api;

/// <summary>The byte ranges of disk content requests: what a GET asks to read and what a PUT says it writes.</summary>
public static partial class ContentRanges
{
    private const string Bytes = "bytes";

    /// <summary>
    /// Offset, count and whether the answer is partial; null when the one range asked for lies outside the disk. Anything
    /// but a single byte range (several ranges, other units) is answered with the whole disk, as RFC 9110 allows.
    /// </summary>
    public static (long Offset, long Count, bool Partial)? ToRead(HttpRequest request, long length)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.GetTypedHeaders().Range;
        if (header is null || !IsBytes(header.Unit.Value) || header.Ranges.Count != 1)
        {
            return (0, length, false);
        }

        var range = header.Ranges.Single();
        var (first, last) = Resolve(range.From, range.To, length);
        last = Math.Min(last, length - 1);
        return first >= length || last < first ? null : (first, last - first + 1, true);
    }

    /// <summary>
    /// The bytes a PUT writes: <c>Content-Range: bytes a-b/length</c> (or <c>/*</c>), else <c>Range: bytes=a-b</c>, else the
    /// whole disk. The range must lie inside the disk (416 otherwise) and the body must have exactly its length
    /// (<c>Content-Length</c>; 411 without one, 400 when it differs).
    /// </summary>
    public static (long Offset, long Count, ProblemHttpResult? Refusal) ToWrite(HttpRequest request, long length)
    {
        ArgumentNullException.ThrowIfNull(request);
        long first;
        long last;
        var contentRange = request.Headers.ContentRange.ToString();
        if (contentRange.Length > 0)
        {
            var parsed = ContentRangePattern().Match(contentRange);
            if (!parsed.Success
                || !long.TryParse(parsed.Groups["first"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out first)
                || !long.TryParse(parsed.Groups["last"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out last))
            {
                return Refuse(StatusCodes.Status400BadRequest, "Bad Request",
                    $"Content-Range '{contentRange}' is not 'bytes first-last/length' or 'bytes first-last/*'.");
            }

            var complete = parsed.Groups["length"].Value;
            if (complete != "*" && complete != length.ToString(CultureInfo.InvariantCulture))
            {
                return Outside(request, length, $"Content-Range '{contentRange}' names a length of {complete} bytes; the disk has {length} and does not grow.");
            }
        }
        else if (request.GetTypedHeaders().Range is { } range)
        {
            if (!IsBytes(range.Unit.Value) || range.Ranges.Count != 1)
            {
                return Refuse(StatusCodes.Status400BadRequest, "Bad Request",
                    $"Range '{request.Headers.Range}' is not one byte range; a write names exactly one, e.g. 'bytes=0-511'.");
            }

            var only = range.Ranges.Single();
            (first, last) = Resolve(only.From, only.To, length);
        }
        else
        {
            (first, last) = (0, length - 1);
        }

        if (first >= length || last >= length || last < first)
        {
            return Outside(request, length, $"The disk has {length} bytes; bytes {first}-{last} lie outside it (a write cannot grow a disk).");
        }

        var count = last - first + 1;
        if (request.ContentLength is not { } bodyLength)
        {
            return Refuse(StatusCodes.Status411LengthRequired, "Length Required",
                $"A write of bytes {first}-{last} needs a Content-Length of {count}, so a short body is refused before anything is written.");
        }

        return bodyLength == count
            ? (first, count, null)
            : Refuse(StatusCodes.Status400BadRequest, "Bad Request",
                $"The body has {bodyLength} bytes but the range {first}-{last} has {count}; they must match.");
    }

    [GeneratedRegex(@"^bytes (?<first>[0-9]{1,18})-(?<last>[0-9]{1,18})/(?<length>[0-9]{1,18}|\*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ContentRangePattern();

    private static (long First, long Last) Resolve(long? from, long? to, long length) => (from, to) switch
    {
        ({ } start, { } end) => (start, end),
        ({ } start, null) => (start, length - 1),
        (null, { } suffix) => (Math.Max(0, length - suffix), length - 1),
        _ => (length, length - 1),
    };

    private static bool IsBytes(string? unit) => string.Equals(unit, Bytes, StringComparison.OrdinalIgnoreCase);

    private static (long, long, ProblemHttpResult?) Outside(HttpRequest request, long length, string detail)
    {
        request.HttpContext.Response.Headers.ContentRange = $"bytes */{length}";
        return Refuse(StatusCodes.Status416RangeNotSatisfiable, "Range Not Satisfiable", detail);
    }

    private static (long, long, ProblemHttpResult?) Refuse(int status, string title, string detail) =>
        (0, 0, Problems.Status(status, title, detail));
}
