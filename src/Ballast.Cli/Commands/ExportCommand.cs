using Ballast.Store;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast export STORE --format parquet|csv</c>: writes every table of a results store to files.</summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var store = CommonOptions.Store();
        var format = new Option<string>("--format", "-f") { Description = "parquet or csv.", DefaultValueFactory = _ => "parquet" };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder (default: next to the store, <store>-export)." };
        return BallastCli.Command(ctx, "export", "Exports a results store's tables to Parquet or CSV files (DuckDB COPY).", [store, format, outDir], p =>
        {
            string path = p.GetValue(store)!;
            using var results = ResultStore.Open(path);
            string dir = OutputLocation.Folder(p.GetValue(outDir), "--out") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", Path.GetFileNameWithoutExtension(path) + "-export");
            var files = results.Export(dir, p.GetValue(format)!);
            var table = new ResultTable("export", [new("file", "File", RightAlign: false)]);
            foreach (var f in files)
            {
                table.Add(f);
            }

            table.Write(OutputFormat.Table, ctx.Console, ctx.Out);
            return 0;
        });
    }
}
