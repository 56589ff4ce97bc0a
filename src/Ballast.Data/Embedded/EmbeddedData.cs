using System.IO.Compression;
using System.Reflection;

namespace Ballast.Data.Embedded;

/// <summary>Access to the data files embedded in this assembly (copied from <c>data/</c> at build time).</summary>
public static class EmbeddedData
{
    // The build zips data/*.csv and data/*.yaml into one resource (see Ballast.Data.csproj): the files as they are, deflated.
    private const string Archive = "Ballast.Data.data.zip";
    private static readonly Assembly Assembly = typeof(EmbeddedData).Assembly;
    private static readonly Lazy<IReadOnlyList<string>> Names = new(() =>
    {
        using var zip = OpenArchive();
        return [.. zip.Entries.Select(e => e.FullName)];
    });

    /// <summary>Names of all embedded data files.</summary>
    public static IEnumerable<string> FileNames => Names.Value;

    /// <summary>Opens an embedded file (e.g. <c>wdi_population.csv</c>): its bytes, inflated into memory.</summary>
    public static Stream Open(string fileName)
    {
        using var zip = OpenArchive();
        var entry = zip.GetEntry(fileName) ?? throw new InvalidOperationException($"embedded data file '{fileName}' is missing from the build");
        var bytes = new MemoryStream(checked((int)entry.Length));
        using (var inflated = entry.Open())
        {
            inflated.CopyTo(bytes);
        }

        bytes.Position = 0;
        return bytes;
    }

    // A fresh archive per call: ZipArchive is not thread-safe, and the resource stream is a view of the loaded assembly.
    private static ZipArchive OpenArchive() => new(
        Assembly.GetManifestResourceStream(Archive) ?? throw new InvalidOperationException($"the embedded data archive '{Archive}' is missing from the build"),
        ZipArchiveMode.Read);

    /// <summary>Reads an embedded file as text.</summary>
    public static string ReadText(string fileName)
    {
        using var reader = new StreamReader(Open(fileName));
        return reader.ReadToEnd();
    }

    /// <summary>Parses an embedded CSV; errors name it as <c>data/FILE</c>.</summary>
    public static CsvTable Csv(string fileName)
    {
        using var reader = new StreamReader(Open(fileName));
        return CsvTable.Parse("data/" + fileName, reader);
    }

    /// <summary>A short fingerprint of all embedded data (SHA-256 over names and bytes), recorded in run manifests.</summary>
    public static string Version() => LazyVersion.Value;

    // Computed once per process: every run's manifest records it, and it reads all 14 MB of the data. The files are inflated
    // straight into the hash from one archive, in the order of their names.
    private static readonly Lazy<string> LazyVersion = new(() =>
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var zip = OpenArchive();
        var buf = new byte[81920];
        foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(entry.FullName));
            using var s = entry.Open();
            int n;
            while ((n = s.Read(buf, 0, buf.Length)) > 0)
            {
                sha.AppendData(buf, 0, n);
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    });
}
