using Ballast.Core.Model;

namespace Ballast.Calibration.Regressors;

/// <summary>One country-year of the demand panel: logs of spending, GDP and threat, the spill-ins, and the burden.</summary>
/// <param name="Iso3">Country.</param>
/// <param name="Year">Year.</param>
/// <param name="LnM">ln real military expenditure (constant 2023 US$).</param>
/// <param name="LnY">ln real GDP index.</param>
/// <param name="LnT">ln(1 + threat Σ w_ij K_j).</param>
/// <param name="SpillIn">
/// Spill-ins S = c·θ·K_US·λ_US + Σ ℓ_ij a K_j, constant 2023 US$. The regressor is <c>ln(1 + S/M_0)</c>
/// (<see cref="SpillInTerm"/>), M_0 the country's spending at the start of the path the equation is run on, so it is formed
/// by the estimator and the back-test rather than stored.
/// </param>
/// <param name="Share">Military expenditure / GDP, or NaN when missing.</param>
/// <param name="IsSipri">True when the spending figure is SIPRI's own (not the back-cast).</param>
public sealed record DemandObservation(string Iso3, int Year, double LnM, double LnY, double LnT, double SpillIn, double Share, bool IsSipri)
{
    /// <summary>The spill-in regressor <c>ln(1 + S/M_0)</c> of the engine's demand equation (<see cref="Equations.SpillInTerm"/>).</summary>
    /// <param name="startBudget">M_0: the country's spending at the start of the path, US$.</param>
    public double SpillInTerm(double startBudget) => Equations.SpillInTerm(SpillIn, startBudget);
}

/// <summary>The demand panel of a set of allies, with notes on what was left out and why.</summary>
/// <param name="Observations">Country-years with every regressor present, by country then year.</param>
/// <param name="Notes">What the builder dropped or substituted.</param>
public sealed record DemandPanel(IReadOnlyList<DemandObservation> Observations, IReadOnlyList<string> Notes)
{
    /// <summary>The observation of a country-year, or null.</summary>
    public DemandObservation? Find(string iso3, int year) => Observations.FirstOrDefault(o => o.Iso3 == iso3 && o.Year == year);
}

/// <summary>Builds the demand panel from <see cref="HistoricalInputs"/> with the engine's definitions of threat and spill-ins.</summary>
public static class DemandPanelBuilder
{
    /// <summary>
    /// Builds country-years for the given allies (the patron and each country's own adversaries are not allies and
    /// are skipped with a note). Capability stocks of every country with spending come from the perpetual
    /// inventory over its whole series, so the starting stock has decayed by the years used.
    /// </summary>
    public static DemandPanel Build(HistoricalInputs data, IReadOnlyList<string> countries, DemandSettings settings)
    {
        var notes = new List<string>();
        var stocks = new Dictionary<string, Dictionary<int, double>>(StringComparer.Ordinal);
        foreach (var iso3 in data.CountriesWithSpending)
        {
            var series = data.SpendingSeries(iso3);
            var years = series.Keys.ToArray();
            var k = DemandTerms.StockPath(series.Values.ToArray(), settings.Phi, settings.Delta);
            stocks[iso3] = years.Select((y, n) => (y, n)).ToDictionary(p => p.y, p => k[p.n]);
        }

        double? Stock(string iso3, int year) => stocks.TryGetValue(iso3, out var s) && s.TryGetValue(year, out var v) ? v : null;
        var patron = data.Patron;
        var observations = new List<DemandObservation>();
        var missingAdversaries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var iso3 in countries)
        {
            if (iso3 == patron)
            {
                notes.Add($"{iso3}: the patron is not an ally; its spending enters the spill-ins of the others.");
                continue;
            }

            var adversaries = data.AdversariesOf(iso3);
            if (data.ActorSets.Any(s => s.Find(iso3)?.Role == Core.Countries.CountryRole.Adversary))
            {
                notes.Add($"{iso3}: an adversary in an actor set, not an ally; skipped.");
                continue;
            }

            var withData = adversaries.Where(stocks.ContainsKey).ToList();
            missingAdversaries.UnionWith(adversaries.Except(withData));
            if (withData.Count == 0)
            {
                notes.Add($"{iso3}: none of its adversaries ({string.Join(", ", adversaries)}) has spending data; skipped.");
                continue;
            }

            // The lead adversary (largest spender at its last year) is the theatre centre for the US loss-of-strength gradient.
            var lead = withData.OrderByDescending(a => data.SpendingSeries(a).Values.LastOrDefault()).ThenBy(a => a, StringComparer.Ordinal).First();
            var allyUniverse = stocks.Keys.Where(j => j != iso3 && j != patron && !adversaries.Contains(j)).Order(StringComparer.Ordinal).ToList();
            var weights = new double[withData.Count];
            var kAdv = new double[withData.Count];
            var links = new double[allyUniverse.Count];
            var kAlly = new double[allyUniverse.Count];
            foreach (var (year, m) in data.SpendingSeries(iso3))
            {
                if (data.Gdp(iso3, year) is not double y || Stock(patron, year) is not double kUs)
                {
                    continue;
                }

                bool complete = true;
                for (int j = 0; j < withData.Count && complete; j++)
                {
                    if (Stock(withData[j], year) is double kj && data.DistanceKm(iso3, withData[j], year) is double d)
                    {
                        kAdv[j] = kj;
                        weights[j] = Equations.ProximityWeight(d, settings.ThreatDistanceKm);
                    }
                    else
                    {
                        complete = false; // threat is undefined until every adversary's stock exists
                    }
                }

                if (!complete)
                {
                    continue;
                }

                for (int j = 0; j < allyUniverse.Count; j++)
                {
                    var kj = Stock(allyUniverse[j], year);
                    links[j] = kj is null ? 0 : data.Link(iso3, allyUniverse[j], year);
                    kAlly[j] = kj ?? 0;
                }

                double threat = DemandTerms.Threat(weights, kAdv);
                double lsg = data.DistanceKm(patron, lead, year) is double dUs ? Equations.LossOfStrength(dUs, settings.LsgDistanceKm) : 1;
                double spill = DemandTerms.SpillIn(settings.Credibility, settings.TheatreShare, kUs, lsg, settings.Alignment, links, kAlly);
                observations.Add(new DemandObservation(iso3, year, Math.Log(m), Math.Log(y), Equations.ThreatTerm(threat), spill, data.Share(iso3, year) ?? double.NaN, data.IsSipri(iso3, year)));
            }
        }

        if (missingAdversaries.Count > 0)
        {
            notes.Add($"No spending data for {string.Join(", ", missingAdversaries)} (SIPRI has no series): left out of the threat term.");
        }

        return new DemandPanel(observations, notes);
    }
}
