namespace CmkFunctions.Host.Grains;

/// <summary>An asynchronous operation's status, as ARM reports it in <c>Azure-AsyncOperation</c>.</summary>
[GenerateSerializer, Alias("cmk.OperationStatus")]
public enum OperationStatus
{
    InProgress,
    Succeeded,
    Failed,
    Canceled,
}
