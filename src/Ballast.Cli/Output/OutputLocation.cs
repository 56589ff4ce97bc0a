using System.Diagnostics.CodeAnalysis;

namespace Ballast.Cli.Output;

/// <summary>
/// Output paths given on the command line, checked before any work: a path that cannot be written is an input error
/// naming the option, found before a long run rather than as an exception after it, and nothing is created on the way.
/// </summary>
internal static class OutputLocation
{
    /// <summary>A folder the command writes into (created later by the writer if missing); null (option not given) passes.</summary>
    [return: NotNullIfNotNull(nameof(path))]
    public static string? Folder(string? path, string option)
    {
        if (path is null)
        {
            return null;
        }

        if (File.Exists(path))
        {
            throw new BallastInputException("is a file, not a folder", field: option, value: path);
        }

        RequireWritable(path, option);
        return path;
    }

    /// <summary>A file the command creates or replaces; null (option not given) passes.</summary>
    [return: NotNullIfNotNull(nameof(path))]
    public static string? FilePath(string? path, string option)
    {
        if (path is null)
        {
            return null;
        }

        if (Directory.Exists(path))
        {
            throw new BallastInputException("is a folder, not a file", field: option, value: path);
        }

        RequireWritable(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", option, path);
        return path;
    }

    /// <summary>The nearest folder of <paramref name="folder"/> that exists must be a folder we may create files in.</summary>
    private static void RequireWritable(string folder, string option, string? given = null)
    {
        given ??= folder;
        var full = Path.GetFullPath(folder);
        var existing = full;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new BallastInputException($"'{existing}' is a file, not a folder", field: option, value: given);
            }

            existing = Path.GetDirectoryName(existing) ?? throw new BallastInputException("no such place", field: option, value: given);
        }

        // Creating (and at once deleting) a file is the only reliable test: permissions, read-only mounts, ACLs.
        try
        {
            using var probe = new FileStream(Path.Combine(existing, $".ballast-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The exception names the probe file, which means nothing to the user: say what failed where.
            var why = e is UnauthorizedAccessException ? " (permission denied)" : string.Empty;
            throw new BallastInputException($"cannot create files in '{existing}'{why}", field: option, value: given);
        }
    }
}
