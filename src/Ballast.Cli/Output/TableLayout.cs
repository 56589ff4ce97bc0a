using Spectre.Console;

namespace Ballast.Cli.Output;

/// <summary>
/// Fits a table to the terminal without breaking a number or truncating a header: every column gets at least its
/// longest number (numbers never wrap) and its header's longest word (headers wrap at spaces); text wraps at spaces.
/// When even that is too wide, the columns of highest <see cref="ResultColumn.Priority"/> are left out (said on standard
/// error); when the essential columns alone do not fit, each row is printed as a list of header: value lines.
/// </summary>
internal static class TableLayout
{
    private const int Overhead = 3; // a space either side and one border character per column

    public static void Write(ResultTable t, IAnsiConsole console, TextWriter err)
    {
        int width = console.Profile.Width;
        var cols = t.DisplayColumns.ToList();
        var cells = t.Rows.Select(r => cols.ToDictionary(c => c, c => ResultTable.FormatCell(r[c], t.Columns[c]))).ToList();
        int Min(int c) => Math.Max(LongestWord(t.Columns[c].Header), cells.Select(r => Numeric(t.Columns[c]) ? Length(r[c]) : LongestWord(r[c])).DefaultIfEmpty(1).Max());
        int Natural(int c) => Math.Max(Length(t.Columns[c].Header), cells.Select(r => Length(r[c])).DefaultIfEmpty(1).Max());
        int Needed(IEnumerable<int> set) => set.Sum(c => Min(c) + Overhead) + 1;

        var dropped = new List<int>();
        while (Needed(cols) > width && cols.Any(c => t.Columns[c].Priority > 0))
        {
            var drop = cols.Where(c => t.Columns[c].Priority > 0).OrderByDescending(c => t.Columns[c].Priority).ThenByDescending(c => c).First();
            cols.Remove(drop);
            dropped.Add(drop);
        }

        if (dropped.Count > 0)
        {
            err.WriteLine($"note: {width} columns are too few for every column of \"{t.Title}\"; left out: {string.Join(", ", dropped.Order().Select(c => t.Columns[c].Header))} (a wider terminal or --format csv shows them).");
        }

        if (Needed(cols) > width)
        {
            WriteVertical(t, cols, cells, console);
            return;
        }

        // Start from each column's natural width and narrow the widest wrappable ones until the table fits.
        var widths = cols.ToDictionary(c => c, Natural);
        var mins = cols.ToDictionary(c => c, Min);
        int excess = widths.Values.Sum() + (Overhead * cols.Count) + 1 - width;
        while (excess > 0)
        {
            var widest = cols.Where(c => widths[c] > mins[c]).OrderByDescending(c => widths[c]).First();
            widths[widest]--;
            excess--;
        }

        // The title above the table, wrapped at the terminal's width (a table title is cut at the table's width).
        console.Write(new Text(t.Title + "\n"));
        var table = new Table { Border = TableBorder.Rounded };
        foreach (var c in cols)
        {
            var col = new TableColumn(Markup.Escape(t.Columns[c].Header)) { Width = widths[c], NoWrap = Numeric(t.Columns[c]) };
            if (t.Columns[c].RightAlign)
            {
                col.RightAligned();
            }

            table.AddColumn(col);
        }

        foreach (var r in cells)
        {
            table.AddRow(cols.Select(c => new Text(r[c])).ToArray());
        }

        console.Write(table);
    }

    /// <summary>One small two-column table per row (header, value), for terminals narrower than the essential columns.</summary>
    private static void WriteVertical(ResultTable t, List<int> cols, List<Dictionary<int, string>> cells, IAnsiConsole console)
    {
        console.Write(new Text(t.Title + "\n"));
        foreach (var r in cells)
        {
            var grid = new Table { Border = TableBorder.Rounded, ShowHeaders = false };
            grid.AddColumn(new TableColumn(string.Empty));
            grid.AddColumn(new TableColumn(string.Empty) { NoWrap = true });
            foreach (var c in cols)
            {
                grid.AddRow(new Text(t.Columns[c].Header), new Text(r[c]));
            }

            console.Write(grid);
        }
    }

    /// <summary>Numbers (right-aligned columns) never wrap.</summary>
    private static bool Numeric(ResultColumn c) => c.RightAlign;

    private static int Length(string s) => new StringInfo(s).LengthInTextElements;

    private static int LongestWord(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Length).DefaultIfEmpty(1).Max();
}
