using Ballast.Core.Analytics;
using Ballast.Core.Model;
using Ballast.Core.Scenarios;
using Ballast.Core.Text;
using Ballast.Data.Scenarios;
using Ballast.Engine.Model;

namespace Ballast.Games;

/// <summary>
/// Adjudicates a turn with the engine. The moves and injects of every turn so far become scenario edits (docs/wargame.md
/// lists each kind's edit) and mission-mix overrides on the engine's decision API; the scenario is compiled and the
/// ensemble of <see cref="CreatedEvent.BandRuns"/> runs (run indices 0.., the game's seed: common random numbers across
/// turns, branches and counterfactuals) is stepped from the start year to the turn's last year. The realised world is
/// run <see cref="CreatedEvent.RealisedRun"/> of that ensemble; the band is its percentiles; a team's counterfactual is
/// the same ensemble without that team's moves of the turn. Everything is a function of the log's events, so a replay
/// gives the same bits; blocks run in parallel but write their own lanes, so the thread count does not matter.
/// </summary>
internal static class Adjudicator
{
    private const int Block = 128;

    public static TurnOutcome Run(GameDefinition def, CreatedEvent created, IReadOnlyList<TeamMoves> allMoves, IReadOnlyList<InjectRecord> allInjects, int turn, int threads)
    {
        var moves = allMoves.Where(m => m.Turn <= turn).ToList();
        var injects = allInjects.Where(i => i.Turn <= turn).ToList();
        var world = Simulate(def, created, moves, injects, turn, threads);
        var inputs = world.Inputs;
        int last = world.Years - 1;
        int rr = (int)created.RealisedRun;

        var years = new List<WorldYear>();
        for (int y = 0; y < world.Years; y++)
        {
            years.Add(new WorldYear(def.FirstYear(turn) + y, world.Balance[y][rr], world.SpendingRatio[y][rr], BandOf(world.Balance[y]), BandOf(world.SpendingRatio[y])));
        }

        var actors = new List<ActorOutcome>();
        for (int i = 0; i < inputs.ActorCount; i++)
        {
            actors.Add(new ActorOutcome(inputs.Codes[i], world.Spending[i][rr], world.Burden[i][rr], world.Credibility[i][rr], world.Alignment[i][rr], world.Hedging[i][rr],
                Names.Kebab(world.State[i][rr]), BandOf(world.Spending[i]), BandOf(world.Burden[i])));
        }

        var counterfactuals = new List<Counterfactual>();
        foreach (var team in def.Teams)
        {
            if (!moves.Any(m => m.Turn == turn && m.TeamId == team.Id && m.Moves.Count > 0))
            {
                continue;
            }

            var without = Simulate(def, created, [.. moves.Where(m => !(m.Turn == turn && m.TeamId == team.Id))], injects, turn, threads);
            var values = new List<CounterfactualValue>
            {
                new("balance", null, world.Balance[last][rr], without.Balance[last][rr], Median(world.Balance[last]), Median(without.Balance[last])),
            };
            foreach (var a in team.Actors)
            {
                int i = inputs.Codes.IndexOf(a);
                values.Add(new("burden", a, world.Burden[i][rr], without.Burden[i][rr], Median(world.Burden[i]), Median(without.Burden[i])));
            }

            counterfactuals.Add(new Counterfactual(team.Id, values));
        }

        var assessments = def.Teams.Where(t => t.Criteria.Count > 0).Select(t =>
        {
            var results = t.Criteria.Select(c =>
            {
                var runs = Values(world, c);
                int met = runs.Count(v => Meets(c, v));
                return new CriterionResult(c.Name, runs[rr], Meets(c, runs[rr]), (double)met / runs.Length);
            }).ToList();
            return new TeamAssessment(t.Id, results, results.All(r => r.Met));
        }).ToList();

        return new TurnOutcome(turn, def.FirstYear(turn), def.LastYear(turn), created.Seed, created.RealisedRun, created.BandRuns, years, actors, counterfactuals, assessments);
    }

    private static bool Meets(Criterion c, double v) => (c.AtLeast is not { } lo || v >= lo) && (c.AtMost is not { } hi || v <= hi);

    private static double[] Values(Paths p, Criterion c)
    {
        int last = p.Years - 1;
        int i = c.Actor is null ? -1 : p.Inputs.Codes.IndexOf(c.Actor);
        return c.Indicator switch
        {
            "balance" => p.Balance[last],
            "spending-ratio" => p.SpendingRatio[last],
            "spending" => p.Spending[i],
            "burden" => p.Burden[i],
            "credibility" => p.Credibility[i],
            "alignment" => p.Alignment[i],
            "hedging" => p.Hedging[i],
            _ => throw new InvalidOperationException("unknown indicator " + c.Indicator),
        };
    }

    private static Band BandOf(double[] values)
    {
        var sorted = Sorted(values);
        return new Band(Quantiles.Type7(sorted, 0.05), Quantiles.Type7(sorted, 0.5), Quantiles.Type7(sorted, 0.95));
    }

    private static double Median(double[] values) => Quantiles.Type7(Sorted(values), 0.5);

    // Array.Sort of doubles (the order of Comparer<double>.Default, NaN first) instead of LINQ's Order(), which sorts an
    // index map through the comparer: about 5 % of a turn's CPU went there. Unlike Order() it is not stable, which can only
    // show where keys compare equal with different bits (−0 beside +0, NaN payloads); it is deterministic all the same.
    private static double[] Sorted(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>The turn's years for every run of the ensemble, with the given moves and injects in force.</summary>
    private static Paths Simulate(GameDefinition def, CreatedEvent created, IReadOnlyList<TeamMoves> moves, IReadOnlyList<InjectRecord> injects, int turn, int threads)
    {
        var (scenario, mixes) = ScenarioEdits.Apply(def, moves, injects);
        var inputs = ScenarioCompiler.Compile(scenario).Inputs;
        var tables = new ModelTables(inputs);
        int n = created.BandRuns;
        int first = def.FirstYear(turn) - def.StartYear;
        int lastIndex = def.LastYear(turn) - def.StartYear;
        var p = new Paths(inputs, lastIndex - first + 1, n);
        var layout = tables.Layout;
        var overrides = new MixOverride(mixes, inputs);
        int blocks = (n + Block - 1) / Block;
        int workers = Math.Clamp(threads, 1, blocks);

        // One simulation per worker, reused for its blocks (b = w, w + workers, ...): a block's numbers depend only on its
        // run indices and seed, and each block writes its own runs, so the worker count does not change a bit. The
        // simulations come from the pool: every ensemble of a turn has new inputs of the same shape, and allocating a
        // simulation's buffers anew each time cost more than simulating its runs.
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var sim = SimulationPool.Rent(tables, Block);
            var runs = new long[Block];
            for (int b = w; b < blocks; b += workers)
            {
                int from = b * Block;
                int count = Math.Min(Block, n - from);
                for (int k = 0; k < count; k++)
                {
                    runs[k] = from + k;
                }

                sim.Reset(runs.AsSpan(0, count), created.Seed);
                while (sim.YearIndex < lastIndex)
                {
                    sim.Step(mixes.Count > 0 ? overrides : null);
                }

                Record(sim, p, layout, inputs, from, count, first, lastIndex);
            }

            SimulationPool.Return(sim);
        });
        return p;
    }

    private static void Record(Simulation sim, Paths p, IndicatorLayout layout, ModelInputs inputs, int from, int count, int first, int lastIndex)
    {
        for (int k = 0; k < count; k++)
        {
            int r = from + k;
            for (int y = 0; y < p.Years; y++)
            {
                p.Balance[y][r] = sim.Indicator(layout.Of(CoalitionIndicator.Balance), first + y, k);
                p.SpendingRatio[y][r] = sim.Indicator(layout.Of(CoalitionIndicator.SpendingRatio), first + y, k);
            }

            for (int i = 0; i < inputs.ActorCount; i++)
            {
                p.Spending[i][r] = sim.Indicator(layout.Of(ActorIndicator.Spending, i), lastIndex, k) / 1e9;
                p.Burden[i][r] = sim.Indicator(layout.Of(ActorIndicator.Share, i), lastIndex, k) * 100;
                p.Credibility[i][r] = sim.Indicator(layout.Of(ActorIndicator.Credibility, i), lastIndex, k);
                p.Alignment[i][r] = sim.Indicator(layout.Of(ActorIndicator.Alignment, i), lastIndex, k);
                p.Hedging[i][r] = sim.Indicator(layout.Of(ActorIndicator.Hedging, i), lastIndex, k);
                p.State[i][r] = sim.StateOf(i, k);
            }
        }
    }

    private sealed class Paths(ModelInputs inputs, int years, int runs)
    {
        public ModelInputs Inputs { get; } = inputs;

        public int Years { get; } = years;

        public double[][] Balance { get; } = Jagged<double>(years, runs);

        public double[][] SpendingRatio { get; } = Jagged<double>(years, runs);

        public double[][] Spending { get; } = Jagged<double>(inputs.ActorCount, runs);

        public double[][] Burden { get; } = Jagged<double>(inputs.ActorCount, runs);

        public double[][] Credibility { get; } = Jagged<double>(inputs.ActorCount, runs);

        public double[][] Alignment { get; } = Jagged<double>(inputs.ActorCount, runs);

        public double[][] Hedging { get; } = Jagged<double>(inputs.ActorCount, runs);

        public AlignmentState[][] State { get; } = Jagged<AlignmentState>(inputs.ActorCount, runs);

        private static T[][] Jagged<T>(int a, int b) => [.. Enumerable.Range(0, a).Select(_ => new T[b])];
    }

    /// <summary>Mission-mix moves on the engine's decision API: percentage points moved into a mission, the rest scaled down.</summary>
    private sealed class MixOverride(IReadOnlyList<MixShift> shifts, ModelInputs inputs) : IDecisionOverride
    {
        private readonly int[] _actor = [.. shifts.Select(s => inputs.Codes.IndexOf(s.Actor))];

        public void Decide(YearDecisions decisions)
        {
            Span<double> mix = stackalloc double[MissionAreas.Count];
            for (int s = 0; s < shifts.Count; s++)
            {
                var shift = shifts[s];

                // Decisions of year y make the state of y + 1, so a turn's years FirstYear..LastYear are decided a year earlier.
                if (decisions.Year < shift.FirstYear - 1 || decisions.Year > shift.LastYear - 1)
                {
                    continue;
                }

                for (int r = 0; r < decisions.Runs; r++)
                {
                    for (int m = 0; m < MissionAreas.Count; m++)
                    {
                        mix[m] = decisions.Mix(_actor[s], (MissionArea)m)[r];
                    }

                    mix[(int)shift.Mission] = Math.Max(0, mix[(int)shift.Mission] + (shift.Points / 100));
                    decisions.SetMix(_actor[s], r, mix);
                }
            }
        }
    }
}

/// <summary>A mission-mix move in force over a turn's years.</summary>
internal sealed record MixShift(string Actor, MissionArea Mission, double Points, int FirstYear, int LastYear);
