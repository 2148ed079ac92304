namespace CmkFunctions.Cli;

/// <summary>What <c>cmk</c>'s exit status means; scripts branch on it.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The service (or Key Vault, or storage) refused the request with a 4xx other than 401/403: nothing was changed.</summary>
    public const int Refused = 1;

    /// <summary>The command line is wrong: an unknown option, a missing value, a malformed <c>--disk</c> or <c>--query</c>.</summary>
    public const int Usage = 2;

    /// <summary>The operation ended Failed or Canceled, a wait ran out of time, or recovered data failed its integrity check.</summary>
    public const int OperationFailed = 3;

    /// <summary>No answer, no token, 401 or 403, or a server error (5xx).</summary>
    public const int Unavailable = 4;
}
