namespace Ballast.Cli.Commands;

/// <summary>
/// <c>--out DIR</c> of an analysis command and the report it writes there: the folder is checked before any work, and
/// the page is built and written only when the option is given.
/// </summary>
/// <param name="fileName">The report's file name inside the folder (one of <see cref="AnalysisReportWriter"/>'s names).</param>
internal sealed class ReportOutOption(string fileName)
{
    /// <summary>The option to add to the command.</summary>
    public Option<string?> Option { get; } = CommonOptions.ReportOut(fileName);

    /// <summary>Fails on a folder that cannot be written, before the command's work starts.</summary>
    public void Check(ParseResult p) => OutputLocation.Folder(p.GetValue(Option), "--out");

    /// <summary>Writes the report when <c>--out</c> is given and says where on standard error (standard output holds only the result).</summary>
    public void Write(ParseResult p, CliContext ctx, Func<AnalysisPage> page)
    {
        if (p.GetValue(Option) is not string directory)
        {
            return;
        }

        string path = AnalysisReportWriter.Write(page(), directory, fileName);
        ctx.Err.WriteLine($"report: {path}");
    }
}
