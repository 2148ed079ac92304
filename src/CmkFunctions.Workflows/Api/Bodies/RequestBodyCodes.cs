namespace CmkFunctions.Workflows.Api.Bodies;

/// <summary>
/// Codes of a request body the service cannot read, beside Core's <see cref="Core.Validation.RuleCodes"/>: like theirs,
/// <c>request.</c> codes hold for every route. <see cref="Problems"/> maps each to its status.
/// </summary>
public static class RequestBodyCodes
{
    /// <summary>No body, an empty one, or JSON <c>null</c>, where the route needs a JSON object.</summary>
    public const string BodyMissing = "request.body-missing";

    /// <summary>More than <see cref="RequestBody.MaxBytes"/> bytes (413).</summary>
    public const string BodyTooLarge = "request.body-too-large";

    /// <summary>Not JSON: a syntax error, at a line and position.</summary>
    public const string JsonInvalid = "request.json-invalid";

    /// <summary>JSON whose value at a member has the wrong type: a string where a number belongs, an object for an array.</summary>
    public const string JsonTypeMismatch = "request.json-type-mismatch";

    /// <summary>The Key Vault webhook's body is not an Event Grid or CloudEvents 1.0 event batch.</summary>
    public const string EventBatchInvalid = "request.event-batch-invalid";
}
