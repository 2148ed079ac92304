using System.Globalization;
using CmkFunctions.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace CmkFunctions.Workflows.Api.Paging;

/// <summary>
/// The page of a list a caller asks for, ARM's way: at most <c>$top</c> items (1 to <see cref="MaxSize"/>;
/// <see cref="DefaultSize"/> when not given), from where the <c>$skiptoken</c> of the previous page's <c>nextLink</c>
/// left off (the start when not given).
/// </summary>
/// <param name="SizeGiven">Whether the caller gave <c>$top</c>; <c>nextLink</c> then keeps it.</param>
/// <param name="Continuation">Where the table goes on, from the skip token; null for the first page.</param>
public sealed record PageRequest(int Size, bool SizeGiven, string? Continuation)
{
    public const string Top = "$top";
    public const string SkipToken = "$skiptoken";
    public const int DefaultSize = 100;
    public const int MaxSize = 1000;

    /// <summary><c>$top</c> is not a whole number from 1 to <see cref="MaxSize"/>, or is given twice.</summary>
    public const string SizeInvalid = "request.page-size";

    /// <summary><c>$skiptoken</c> is not one the service gave this caller's tenant, or is given twice.</summary>
    public const string SkipTokenInvalid = "request.skip-token-invalid";

    /// <summary>The page the query asks for, or every rule its paging parameters break.</summary>
    public static (PageRequest? Page, IReadOnlyList<Violation> Violations) Read(HttpRequest request, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var violations = new List<Violation>();
        var size = DefaultSize;
        var top = request.Query[Top];
        if (top.Count > 0 && (top.Count > 1 || !int.TryParse(top[0], NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxSize))
        {
            violations.Add(new Violation(
                SizeInvalid,
                $"The query parameter {Top} is the page size, a whole number from 1 to {MaxSize}; it is '{string.Join(",", top.ToArray())}'.",
                Top));
        }

        string? continuation = null;
        var skipToken = request.Query[SkipToken];
        if (skipToken.Count > 0 && (skipToken.Count > 1 || !SkipTokens.TryRead(skipToken[0], tenantId, out continuation)))
        {
            violations.Add(new Violation(
                SkipTokenInvalid,
                $"The query parameter {SkipToken} is not one this service gave for the caller's tenant: follow a page's nextLink as it is, or leave {SkipToken} out to start again.",
                SkipToken));
        }

        return violations.Count > 0 ? (null, violations) : (new PageRequest(size, top.Count > 0, continuation), []);
    }

    /// <summary>The absolute URL of the page after this one, which starts at <paramref name="continuation"/>.</summary>
    public string NextLink(HttpRequest request, string tenantId, string continuation)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = SizeGiven ? $"{Top}={Size.ToString(CultureInfo.InvariantCulture)}&" : string.Empty;
        return Links.Absolute(request, $"{request.Path}?{size}{SkipToken}={SkipTokens.Write(continuation, tenantId)}").ToString();
    }
}
