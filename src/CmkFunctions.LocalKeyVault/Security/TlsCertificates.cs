using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CmkFunctions.LocalKeyVault.State;

namespace CmkFunctions.LocalKeyVault.Security;

/// <summary>
/// The tool's own CA (created once, <c>ca.pem</c> is what clients trust) and the server certificate it signs for
/// 127.0.0.1, ::1 and localhost (renewed from the same CA when it nears expiry).
/// </summary>
public static class TlsCertificates
{
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(397);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public static X509Certificate2 LoadOrCreateServerCertificate(DataDirectory data, TimeProvider time)
    {
        using var ca = LoadOrCreateCa(data, time);
        var now = time.GetUtcNow();
        if (File.Exists(data.ServerCertificateFile) && File.Exists(data.ServerKeyFile))
        {
            var existing = X509Certificate2.CreateFromPemFile(data.ServerCertificateFile, data.ServerKeyFile);
            if (existing.NotAfter.ToUniversalTime() > (now + RenewBefore).UtcDateTime && existing.Issuer == ca.Subject)
            {
                return existing;
            }

            existing.Dispose();
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var signed = request.Create(ca, now.AddMinutes(-5), now + ServerLifetime, SerialNumber());
        var server = signed.CopyWithPrivateKey(key);
        AtomicFile.Write(data.ServerKeyFile, System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        AtomicFile.Write(data.ServerCertificateFile, System.Text.Encoding.ASCII.GetBytes(server.ExportCertificatePem()));
        return server;
    }

    private static X509Certificate2 LoadOrCreateCa(DataDirectory data, TimeProvider time)
    {
        if (File.Exists(data.CaCertificateFile) && File.Exists(data.CaKeyFile))
        {
            return X509Certificate2.CreateFromPemFile(data.CaCertificateFile, data.CaKeyFile);
        }

        using var key = RSA.Create(3072);
        var request = new CertificateRequest(
            "CN=CmkFunctions Local Key Vault CA, O=CmkFunctions dev", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        var ca = request.CreateSelfSigned(now.AddMinutes(-5), now + CaLifetime);
        AtomicFile.Write(data.CaKeyFile, System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        AtomicFile.Write(data.CaCertificateFile, System.Text.Encoding.ASCII.GetBytes(ca.ExportCertificatePem()));
        return ca;
    }

    private static byte[] SerialNumber()
    {
        // Positive and without a leading zero byte, as DER INTEGER serials must be.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }
}
