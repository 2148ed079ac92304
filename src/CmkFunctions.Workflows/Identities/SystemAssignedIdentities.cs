using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using CmkFunctions.Workflows.Access;
using CmkFunctions.Workflows.Settings;
using Microsoft.Extensions.Options;

namespace CmkFunctions.Workflows.Identities;

/// <summary>
/// Creates and deletes resources' system-assigned identities through ARM's
/// <c>{resourceId}/providers/Microsoft.ManagedIdentity/identities/default</c>, as the service's own identity.
/// </summary>
public sealed class SystemAssignedIdentities
{
    private const string ApiVersion = "2023-01-31";
    private const string Scope = "https://management.azure.com/.default";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    public SystemAssignedIdentities(KeyVaultConnections connections, IOptions<CmkOptions> options)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(options);
        _endpoint = options.Value.ManagementEndpoint!;
        _pipeline = HttpPipelineBuilder.Build(connections.ArmOptions, new BearerTokenAuthenticationPolicy(connections.ServiceCredential, Scope));
    }

    /// <summary>Creates the identity of <paramref name="resourceId"/> unless it exists; returns it either way.</summary>
    public async Task<AssignedIdentity> EnsureAsync(string resourceId, string location, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Put, resourceId);
        message.Request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new { location }));
        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status is not (200 or 201))
        {
            throw new RequestFailedException(response);
        }

        using var document = JsonDocument.Parse(response.Content);
        var properties = document.RootElement.GetProperty("properties");
        return new AssignedIdentity(properties.GetProperty("principalId").GetString()!, properties.GetProperty("clientId").GetString()!);
    }

    /// <summary>Deletes the identity of <paramref name="resourceId"/>; one that is already gone is fine.</summary>
    public async Task DeleteAsync(string resourceId, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Delete, resourceId);
        await _pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status is not (200 or 204 or 404))
        {
            throw new RequestFailedException(message.Response);
        }
    }

    private HttpMessage CreateMessage(RequestMethod method, string resourceId)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(_endpoint, $"{resourceId.TrimStart('/')}/providers/Microsoft.ManagedIdentity/identities/default?api-version={ApiVersion}"));
        return message;
    }
}

/// <summary>A managed identity's principal (object) id and client id.</summary>
public sealed record AssignedIdentity(string PrincipalId, string ClientId);
