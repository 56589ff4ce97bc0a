using System.Text;
using Ballast.Reports.Figures;

namespace Ballast.Web.Dashboard;

/// <summary>CSV (RFC 4180) for the data behind every chart.</summary>
public static class Csv
{
    /// <summary>The table as CSV text.</summary>
    public static string Of(DataTable table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Columns.Select(Cell)).Append("\r\n");
        foreach (var row in table.Rows)
        {
            sb.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>The table as a CSV download.</summary>
    public static IResult Result(DataTable table, string fileName) =>
        Results.File(Encoding.UTF8.GetBytes(Of(table)), "text/csv; charset=utf-8", fileName);

    private static string Cell(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
