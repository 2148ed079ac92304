using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;

namespace CmkFunctions.KeyVault;

/// <summary>
/// HTTPS transports that also trust one extra CA (the local Key Vault's), configured as a PEM file
/// (<c>Cmk:KeyVaultCaCertificate</c>). Certificates the system already trusts stay trusted; host names are always
/// checked; nothing here turns validation off.
/// </summary>
public static class TrustedCaTransport
{
    /// <summary>A pipeline transport for <see cref="Azure.Core.ClientOptions.Transport"/>.</summary>
    public static HttpClientTransport Create(string caCertificatePemPath) => new(CreateHandler(caCertificatePemPath));

    /// <summary>A handler for a plain <see cref="HttpClient"/>.</summary>
    /// <exception cref="ArgumentException">The file holds no PEM certificate.</exception>
    public static SocketsHttpHandler CreateHandler(string caCertificatePemPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(caCertificatePemPath);
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caCertificatePemPath);
        if (roots.Count == 0)
        {
            throw new ArgumentException($"'{caCertificatePemPath}' holds no PEM certificate.", nameof(caCertificatePemPath));
        }

        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => IsTrusted(roots, certificate, chain, errors),
            },
        };
    }

    private static bool IsTrusted(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        // A private development CA publishes no revocation lists.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
    }
}
