using Ballast.Store;

namespace Ballast.Cli.Commands;

/// <summary><c>ballast store check STORE</c>: reads every table of a results store and says which ones are damaged.</summary>
public static class StoreCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext ctx)
    {
        var store = CommonOptions.Store();
        var output = new OutputOptions();
        var check = BallastCli.Command(ctx, "check", "Reads every table of a results store to the end; lists rows per table and any damage (exit 2 when damaged).",
            ["ballast store check results.duckdb", "ballast store check results.duckdb --format json"],
            [store, .. output.Symbols], p =>
        {
            string path = p.GetValue(store)!;
            var tables = ResultStore.Check(path);
            var table = new ResultTable($"store check {path}", [
                new("table", "Table", RightAlign: false),
                new("rows", "Rows", "N0"),
                new("intact", "Intact", Use: ColumnUse.Data),
                new("status", "Status", RightAlign: false),
            ]);
            foreach (var t in tables)
            {
                table.Add(t.Table, t.Rows, t.Intact, t.Intact ? "ok" : "damaged: " + t.Problem);
            }

            output.Write(p, ctx, new ResultDocument("store check", table));
            if (tables.FirstOrDefault(t => !t.Intact) is { } bad)
            {
                // The table above says what can still be read; a damaged store is bad input to every other command.
                throw ResultStore.Damaged(path, bad);
            }

            return 0;
        });
        return new Command("store", "Results store maintenance: 'check' reads every table and reports damage.") { check };
    }
}
