namespace Ballast.Cli.Commands;

/// <summary><c>ballast store check STORE</c>: reads every table of a results store and says which ones are damaged; <c>ballast store merge TARGET PARTS…</c> joins stores of one experiment.</summary>
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
        var target = new Argument<string>("target") { Description = "The merged store (created from the first part when missing)." };
        var parts = new Argument<string[]>("parts") { Description = "Stores of the same experiment, e.g. one per array task of 'explore --range'.", Arity = ArgumentArity.OneOrMore };
        var mergeOutput = new OutputOptions();
        var merge = BallastCli.Command(ctx, "merge", "Merges stores of one experiment run in parts (explore --range on Slurm or Kubernetes) into one; a run in two parts is taken once. Re-running adds only what is missing.",
            ["ballast store merge results.duckdb part-0.duckdb part-1.duckdb", "ballast store merge results.duckdb parts/*.duckdb --format json"],
            [target, parts, .. mergeOutput.Symbols], p =>
        {
            string path = p.GetValue(target)!;
            var merged = ResultStore.Merge(path, p.GetValue(parts)!);
            int rows;
            int done;
            using (var result = ResultStore.Open(path))
            {
                rows = result.DesignRows;
                done = result.CompletedCount;
            }

            var table = new ResultTable($"store merge into {path}", [
                new("part", "Part", RightAlign: false),
                new("added", "Runs added", "N0"),
                new("already_there", "Already there", "N0"),
            ]);
            foreach (var (part, added, there) in merged)
            {
                table.Add(part, added, there);
            }

            table.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"The merged store holds {done:N0} of the design's {rows:N0} runs{(done < rows ? "; the missing ones run with the same explore command (it resumes)" : string.Empty)}."));
            var doc = new ResultDocument("store merge", table);
            doc.Fields["runs"] = done;
            doc.Fields["design_rows"] = rows;
            mergeOutput.Write(p, ctx, doc);
            return 0;
        });
        return new Command("store", "Results store maintenance: 'check' reads every table and reports damage; 'merge' joins stores of one experiment run in parts.") { check, merge };
    }
}
