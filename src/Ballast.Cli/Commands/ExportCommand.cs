namespace Ballast.Cli.Commands;

/// <summary><c>ballast export STORE --file-format parquet|csv</c>: writes every table of a results store to files.</summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var store = CommonOptions.Store();
        var fileFormat = new Option<string>("--file-format") { Description = "Format of the files written: parquet (default) or csv.", HelpName = "parquet|csv", DefaultValueFactory = _ => "parquet" };
        fileFormat.AcceptOnlyFromAmong("parquet", "csv");
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder (default: next to the store, <store>-export)." };
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "export", "Exports a results store's tables to Parquet or CSV files (DuckDB COPY) and lists the files written.",
            ["ballast export results.duckdb", "ballast export results.duckdb --file-format csv --out results-csv"],
            [store, fileFormat, outDir, .. output.Symbols], p =>
        {
            string path = p.GetValue(store)!;
            using var results = ResultStore.Open(path);
            string dir = OutputLocation.Folder(p.GetValue(outDir), "--out") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", Path.GetFileNameWithoutExtension(path) + "-export");
            var files = results.Export(dir, p.GetValue(fileFormat)!);
            var table = new ResultTable("export", [new("file", "File", RightAlign: false)]);
            foreach (var f in files)
            {
                table.Add(f);
            }

            output.Write(p, ctx, new ResultDocument("export", table));
            return 0;
        });
    }
}
