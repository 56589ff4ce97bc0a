namespace Ballast.Cli.Commands;

/// <summary><c>ballast query STORE "SQL"</c>: runs SQL against a results store.</summary>
public static class QueryCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext ctx)
    {
        var store = CommonOptions.Store();
        var sql = new Argument<string>("sql") { Description = "SQL, e.g. \"SELECT avg(balance_ratio) FROM outcomes\". Tables: manifest, parameters, outcome_definitions, experiments, outcomes, outcomes_yearly." };
        var output = new OutputOptions();
        return BallastCli.Command(ctx, "query", "Runs SQL against a results store (DuckDB).",
            ["ballast query results.duckdb \"SELECT avg(balance_ratio) AS mean_balance FROM outcomes\"", "ballast query results.duckdb \"SELECT * FROM parameters\" --format csv"],
            [store, sql, .. output.Symbols], p =>
        {
            using var results = ResultStore.Open(p.GetValue(store)!);
            var q = results.Query(p.GetValue(sql)!);
            var table = new ResultTable("query", q.Columns.Select(c => new ResultColumn(c, c, "G6")).ToList());
            foreach (var row in q.Rows)
            {
                table.Add(row.Select(Cell).ToArray());
            }

            output.Write(p, ctx, new ResultDocument("query", table));
            return 0;
        });
    }

    private static object? Cell(object? v) => v switch
    {
        null => null,
        double d => d,
        float f => (double)f,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        long l => (double)l,
        decimal m => (double)m,
        short s => (int)s,
        bool b => b,
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
    };
}
