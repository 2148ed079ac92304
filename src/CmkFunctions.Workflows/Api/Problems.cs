using CmkFunctions.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CmkFunctions.Workflows.Api;

/// <summary>RFC 7807 answers: every violation of a refused request in one 400, and 404/409 with a sentence saying why.</summary>
public static class Problems
{
    /// <summary>
    /// A 400 whose <c>detail</c> joins every violation's sentence (each names the rule and the value), with <c>errors</c>
    /// keyed by rule code and <c>violations</c> listing code and detail in order.
    /// </summary>
    public static ValidationProblem Refused(IReadOnlyList<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        return TypedResults.ValidationProblem(
            errors: violations.GroupBy(violation => violation.Code).ToDictionary(rule => rule.Key, rule => rule.Select(violation => violation.Detail).ToArray()),
            detail: string.Join(" ", violations.Select(violation => violation.Detail)),
            title: violations.Count == 1 ? "The request breaks a rule." : $"The request breaks {violations.Count} rules.",
            extensions: new Dictionary<string, object?> { ["violations"] = violations });
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
