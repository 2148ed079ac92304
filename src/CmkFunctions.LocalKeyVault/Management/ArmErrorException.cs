namespace CmkFunctions.LocalKeyVault.Management;

/// <summary>A request ARM refuses; becomes <c>{"error":{"code","message"}}</c> with <see cref="Status"/>.</summary>
public sealed class ArmErrorException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static ArmErrorException NotFound(string type, string name, string resourceGroup) => new(
        404,
        "ResourceNotFound",
        $"The Resource '{type}/{name}' under resource group '{resourceGroup}' was not found. "
        + "For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    public static ArmErrorException BadRequest(string message) => new(400, "BadRequest", message);
}

/// <summary>Endpoint metadata: the ARM action an operation performs, named in 403 AuthorizationFailed.</summary>
public sealed record ArmAction(string Name);

public static class ArmActionExtensions
{
    public static RouteHandlerBuilder PerformsArmAction(this RouteHandlerBuilder builder, string action) =>
        builder.WithMetadata(new ArmAction(action));
}
