namespace Ballast.Engine.Model;

/// <summary>
/// Supplies some actors' yearly decisions from outside instead of the behavioural rule (a human team in a wargame,
/// an optimiser, or a test). Called once per year after the rules have proposed decisions and before they are applied.
/// </summary>
public interface IDecisionOverride
{
    /// <summary>Inspect and replace any of this year's decisions.</summary>
    void Decide(YearDecisions decisions);
}

/// <summary>
/// This year's proposed decisions of every actor for every run of a block, writable by an <see cref="IDecisionOverride"/>.
/// Spending and mixes are per actor and run; stance is per run; links and hosting apply to every run of the block.
/// </summary>
public sealed class YearDecisions
{
    private readonly Simulation _sim;

    internal YearDecisions(Simulation sim) => _sim = sim;

    /// <summary>Calendar year whose decisions these are (the budget decided is next year's).</summary>
    public int Year => _sim.Year;

    /// <summary>Number of runs (lanes) in the block.</summary>
    public int Runs => _sim.BlockSize;

    /// <summary>Number of actors.</summary>
    public int Actors => _sim.Inputs.ActorCount;

    /// <summary>Next year's military expenditure of an actor, per run (writable).</summary>
    public Span<double> Spending(int actor) => _sim.NextSpending.AsSpan(actor * Runs, Runs);

    /// <summary>This year's investment share of an actor in a mission area, per run (writable; keep each actor's mix summing to 1).</summary>
    public Span<double> Mix(int actor, MissionArea mission) => _sim.NextMix.AsSpan(((actor * MissionAreas.Count) + (int)mission) * Runs, Runs);

    /// <summary>Sets an actor's whole mix for one run (normalised to sum 1).</summary>
    public void SetMix(int actor, int run, ReadOnlySpan<double> mix)
    {
        double sum = 0;
        foreach (double v in mix)
        {
            sum += v;
        }

        for (int m = 0; m < MissionAreas.Count; m++)
        {
            _sim.NextMix.AsSpan()[(((actor * MissionAreas.Count) + m) * Runs) + run] = mix[m] / sum;
        }
    }

    /// <summary>The US stance of one run this year (the run's; an ally may have its own, <see cref="ModelInputs.AllyStances"/>).</summary>
    public StanceYear Stance(int run) => _sim.StanceOf(run);

    /// <summary>Replaces the US stance of one run this year (allies with a stance of their own this year, <see cref="ModelInputs.AllyStances"/>, keep it).</summary>
    public void SetStance(int run, StanceYear stance) => _sim.SetStance(run, stance);

    /// <summary>Current link strength ℓ_ij.</summary>
    public double Link(int i, int j) => _sim.LinkMatrix[(i * Actors) + j];

    /// <summary>Sets link strength ℓ_ij (symmetric) from this year on.</summary>
    public void SetLink(int i, int j, double strength) => ModelTables.SetLink(_sim.LinkMatrix, Actors, i, j, strength);

    /// <summary>US launcher units hosted by an actor this year.</summary>
    public double Hosting(int host) => _sim.Launchers[host];

    /// <summary>Sets the launcher units hosted (0 = the host refuses).</summary>
    public void SetHosting(int host, double launchers) => _sim.Launchers[host] = Math.Max(0, launchers);
}
