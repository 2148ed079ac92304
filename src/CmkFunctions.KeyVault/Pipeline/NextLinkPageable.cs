using Azure;

namespace CmkFunctions.KeyVault.Pipeline;

/// <summary>Pages that follow the service's <c>nextLink</c>, which is also the continuation token.</summary>
internal sealed class NextLinkPageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> getPage,
    CancellationToken cancellationToken)
    : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        var nextLink = continuationToken;
        do
        {
            var page = await getPage(nextLink, pageSizeHint, CancellationToken).ConfigureAwait(false);
            yield return page;
            nextLink = page.ContinuationToken;
        }
        while (nextLink is not null);
    }
}
