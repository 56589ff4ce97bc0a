using Ballast.Fuzz;

namespace Ballast.Fuzz.Tests;

/// <summary>
/// Every file of every harness's corpus (<c>fuzz/corpus/HARNESS/</c>: the seeds and each crash afl found, kept as a
/// regression) goes through the harness once: fast and deterministic, and a failure means some input escapes as
/// something other than an input error.
/// </summary>
public class CorpusReplayTests
{
    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        foreach (var harness in Harnesses.All.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(Path.Combine(CorpusRoot(), harness)).Order(StringComparer.Ordinal))
            {
                data.Add(harness, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_corpus_file_is_read_or_refused_as_an_input_error(string harness, string file) =>
        Harnesses.All[harness](File.ReadAllBytes(Path.Combine(CorpusRoot(), harness, file)));

    [Fact]
    public void Every_harness_has_a_seed_corpus()
    {
        foreach (var harness in Harnesses.All.Keys)
        {
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(CorpusRoot(), harness)));
        }
    }

    [Fact]
    public void Undecodable_bytes_and_a_deep_document_are_input_errors_in_the_harness()
    {
        // Bytes that are not UTF-8 still reach the reader as text; a document 50,000 deep is refused before it can
        // overflow the stack (which would end this test run, not fail one test).
        Harnesses.Scenario([0xFF, 0xFE, 0x00]);
        Harnesses.Scenario(System.Text.Encoding.UTF8.GetBytes("a: " + new string('[', 50_000)));
    }

    private static string CorpusRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Ballast.slnx")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        }

        return Path.Combine(dir, "fuzz", "corpus");
    }
}
