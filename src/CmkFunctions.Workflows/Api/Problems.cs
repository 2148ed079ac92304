using System.Collections.Frozen;
using CmkFunctions.Core.Validation;
using CmkFunctions.Workflows.Api.Bodies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Workflows.Api;

/// <summary>
/// RFC 7807 answers: every violation of a refused request in one answer (400, or the status its code has in
/// <see cref="Statuses"/>), and 404/409 with a sentence saying why.
/// </summary>
public static class Problems
{
    /// <summary>The status of a refusal by its code; a code not listed is a 400.</summary>
    private static readonly FrozenDictionary<string, int> Statuses = new Dictionary<string, int>
    {
        [RequestBodyCodes.BodyTooLarge] = StatusCodes.Status413PayloadTooLarge,
    }.ToFrozenDictionary();

    /// <summary>
    /// The refusal of a request: <c>detail</c> joins every violation's sentence (each names the rule and the value),
    /// <c>errors</c> is keyed by rule code and <c>violations</c> lists code, detail and target (the JSON path of the
    /// member at fault, when one is) in order. The status is the highest its violations' codes have.
    /// </summary>
    public static ProblemHttpResult Refused(IReadOnlyList<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var errors = violations.GroupBy(violation => violation.Code).ToDictionary(rule => rule.Key, rule => rule.Select(violation => violation.Detail).ToArray());
        return TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = violations.Select(violation => Statuses.GetValueOrDefault(violation.Code, StatusCodes.Status400BadRequest)).DefaultIfEmpty(StatusCodes.Status400BadRequest).Max(),
            Title = violations.Count == 1 ? "The request breaks a rule." : $"The request breaks {violations.Count} rules.",
            Detail = string.Join(" ", violations.Select(violation => violation.Detail)),
            Extensions = { ["violations"] = violations },
        });
    }

    public static ProblemHttpResult ResourceNotFound(string name) =>
        TypedResults.Problem(detail: $"Resource '{name}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    public static ProblemHttpResult OperationNotFound(string id) =>
        TypedResults.Problem(detail: $"Operation '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    public static ProblemHttpResult ResourceExists(string name, string provisioningState) =>
        TypedResults.Problem(
            detail: $"Resource '{name}' already exists (provisioningState {provisioningState}). Delete it first, or choose another name.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict");

    /// <summary>401: no valid bearer token; the <c>WWW-Authenticate</c> challenge says what was wrong with it.</summary>
    public static ProblemHttpResult Unauthenticated(string? reason) =>
        TypedResults.Problem(
            detail: reason is null
                ? "The request needs a bearer token for this API in the Authorization header."
                : $"The bearer token was refused: {reason}",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            extensions: new Dictionary<string, object?> { ["code"] = "auth.unauthenticated" });

    /// <summary>403: the caller's token lacks every role the route accepts.</summary>
    public static ProblemHttpResult Forbidden(string action, IReadOnlyList<string> roles) =>
        TypedResults.Problem(
            detail: $"{action} needs one of the app roles {string.Join(", ", roles)}; the caller's token has none of them.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            extensions: new Dictionary<string, object?> { ["code"] = "auth.role-missing" });

    /// <summary>409: the name is taken by a resource the caller may not see; nothing more is said about it.</summary>
    public static ProblemHttpResult NameNotAvailable(string name) =>
        TypedResults.Problem(
            detail: $"The name '{name}' is not available. Resource names are unique across tenants; choose another name.",
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict",
            extensions: new Dictionary<string, object?> { ["code"] = "resource.name-not-available" });

    /// <summary>Any other refusal: <paramref name="detail"/> says what and why; <paramref name="extensions"/> add machine-readable members.</summary>
    public static ProblemHttpResult Status(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
}
