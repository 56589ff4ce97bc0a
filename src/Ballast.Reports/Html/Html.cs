namespace Ballast.Reports.Html;

/// <summary>Small HTML building blocks shared by the single and comparison reports.</summary>
public static class Html
{
    /// <summary>Escapes text for HTML and XML (only the five markup characters: the files are UTF-8, so °, ± and – stay readable).</summary>
    public static string E(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>The stylesheet (screen and print) inlined in every report.</summary>
    public const string Css = """
        :root { --ink:#1d1d1d; --muted:#555; --rule:#d9d9d9; --accent:#0072B2; }
        * { box-sizing: border-box; }
        body { font-family: 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif; color: var(--ink); margin: 0; line-height: 1.45; background: #fff; }
        main { max-width: 1060px; margin: 0 auto; padding: 24px 28px 60px; }
        header.report { border-bottom: 3px solid var(--accent); margin-bottom: 18px; padding-bottom: 10px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 34px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        p.question { font-size: 18px; margin: 6px 0; }
        p.meta, .muted { color: var(--muted); font-size: 13px; }
        nav.toc { font-size: 13px; column-count: 3; margin: 10px 0; }
        nav.toc a { color: var(--accent); text-decoration: none; }
        dl.levers { display: grid; grid-template-columns: 190px 1fr; gap: 4px 14px; margin: 8px 0; }
        dl.levers dt { font-weight: bold; }
        dl.levers dd { margin: 0; }
        .headline { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin: 12px 0; }
        .headline .box { border: 1px solid var(--rule); border-left: 5px solid var(--accent); padding: 10px 12px; }
        .headline .big { font-size: 24px; font-weight: bold; }
        figure { margin: 14px 0 22px; break-inside: avoid; page-break-inside: avoid; }
        figure .frame { overflow-x: auto; }
        figure svg { max-width: 100%; height: auto; display: block; }
        figcaption { font-size: 13px; color: #333; margin-top: 6px; max-width: 900px; }
        details { margin-top: 6px; font-size: 12px; }
        details summary { cursor: pointer; color: var(--accent); }
        table { border-collapse: collapse; font-size: 12px; margin: 6px 0; }
        th, td { border-bottom: 1px solid var(--rule); padding: 3px 8px; text-align: left; vertical-align: top; }
        th { background: #f3f6f9; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.single { text-align: center; font-variant-numeric: tabular-nums; }
        .table-wrap { max-height: 420px; overflow: auto; }
        .diff-pos { color: #0072B2; } .diff-neg { color: #D55E00; }
        footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
        @media print {
          @page { size: A4; margin: 12mm; }
          main { max-width: none; padding: 0; }
          nav.toc, details summary::after { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          .table-wrap { max-height: none; overflow: visible; }
          figure .frame { overflow: visible; }
          a { color: inherit; text-decoration: none; }
        }
        """;

    /// <summary>A figure: inline SVG, caption, and its data table collapsed behind a details element.</summary>
    public static void Figure(StringBuilder sb, Figure f, string idPrefix = "f")
    {
        sb.Append("<figure id=\"fig-").Append(E(f.Id)).Append("\" data-figure=\"").Append(E(f.Id)).Append("\">\n");
        sb.Append("<h3>").Append(E(f.Title)).Append("</h3>\n");
        sb.Append("<div class=\"frame\">").Append(f.ToSvg(idPrefix)).Append("</div>\n");
        sb.Append("<figcaption>").Append(E(f.Caption)).Append("</figcaption>\n");
        sb.Append("<details><summary>Data behind this chart (").Append(f.Table.Rows.Count).Append(" rows)</summary><div class=\"table-wrap\">");
        Table(sb, f.Table.Columns, f.Table.Rows, "data-table");
        sb.Append("</div></details>\n</figure>\n");
    }

    /// <summary>A table; cells that parse as numbers are right-aligned.</summary>
    public static void Table(StringBuilder sb, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows, string cssClass)
    {
        sb.Append("<table class=\"").Append(cssClass).Append("\"><thead><tr>");
        foreach (string c in columns)
        {
            sb.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (string cell in row)
            {
                bool numeric = cell.Length > 0 && (char.IsDigit(cell[0]) || (cell[0] is '-' or '+' or '−' or '±' && cell.Length > 1 && char.IsDigit(cell[1]))) && !cell.Contains(' ', StringComparison.Ordinal);
                sb.Append(numeric ? "<td class=\"num\">" : "<td>").Append(E(cell)).Append("</td>");
            }

            sb.Append("</tr>");
        }

        sb.Append("</tbody></table>\n");
    }

    /// <summary>Opens the document.</summary>
    public static void Begin(StringBuilder sb, string title)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");

        // No request may leave the page: forbid every fetch at the browser level too.
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        sb.Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n<main>\n");
    }

    /// <summary>Closes the document.</summary>
    public static void End(StringBuilder sb, string footer)
    {
        sb.Append("<footer>").Append(E(footer)).Append("</footer>\n</main>\n</body>\n</html>\n");
    }

    /// <summary>Writes text to a file atomically (a temporary file in the same folder, then a rename), so no half-written report is left.</summary>
    public static void WriteAtomically(string path, string content)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new BallastInputException("cannot write the file: it is a folder", file: full);
        }

        string dir = Path.GetDirectoryName(full) ?? ".";
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(tmp, content, new UTF8Encoding(false));
            File.Move(tmp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BallastInputException($"cannot write the file: {e.Message}", file: full);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }
}
