using Ballast.Core.Model;
using CrisisEvent = Ballast.Core.Scenarios.CrisisEvent;
using EconomicShock = Ballast.Core.Scenarios.EconomicShock;
using MissileDeployment = Ballast.Core.Scenarios.MissileDeployment;
using CoDevelopmentProgramme = Ballast.Core.Scenarios.CoDevelopmentProgramme;
using Ballast.Core.Scenarios;
using Ballast.Core.Text;

namespace Ballast.Games;

/// <summary>
/// Turns moves and injects into scenario edits (docs/wargame.md, "Moves"). A turn opens on the state of the year before
/// its first year, and the engine applies a year's schedules in the step that leads to the next year, so an edit is dated
/// the opening year (<see cref="GameDefinition.FirstYear"/> − 1) to shape the turn's own years; a spending change is dated
/// the first year, since a spending shock of year Y is the spending of Y itself. Entries that must be unique per key (a country's spending shock in a year, a pair's tie change in a year, a
/// host's posture or cost-sharing in a year) are merged: spending changes compound, tie changes add, the last posture and
/// cost-sharing win. Moves and injects are applied in log order, so the edit is a function of the log.
/// </summary>
internal static class ScenarioEdits
{
    // The harshness of the US signal each stance kind stands for (quiet reassurance, an explicit condition, a public exit).
    private const double ReassureHarshness = 0.1;
    private const double ConditionalHarshness = 0.5;
    private const double DisengageHarshness = 1.0;

    public static (Scenario Scenario, IReadOnlyList<MixShift> Mixes) Apply(GameDefinition def, IReadOnlyList<TeamMoves> moves, IReadOnlyList<InjectRecord> injects)
    {
        var s = def.Scenario;
        var patron = def.Inputs.Codes[def.Inputs.PatronIndex];
        var spending = s.SpendingShocks.ToDictionary(x => (x.Country, x.Year), x => x.ChangePercent);
        var ties = s.TieChanges.ToDictionary(x => Pair(x.A, x.B, x.Year), x => x);
        var posture = s.Us.Posture.ToList();
        var costSharing = s.Us.CostSharing.ToList();
        var allyStances = s.Us.AllyStances.ToList();
        var missiles = s.Missiles.ToList();
        var programmes = s.Programmes.ToList();
        var crises = s.Crises.ToList();
        var dialogues = s.Dialogues.ToList();
        var shocks = s.Shocks.ToList();
        var mixes = new List<MixShift>();

        void Spend(string country, int year, double percent) =>
            spending[(country, year)] = spending.TryGetValue((country, year), out var p) ? ((((1 + (p / 100)) * (1 + (percent / 100))) - 1) * 100) : percent;

        void Tie(string a, string b, int year, double change)
        {
            var key = Pair(a, b, year);
            var sum = Math.Clamp((ties.TryGetValue(key, out var t) ? t.Change : 0) + change, -1, 1);
            ties[key] = new TieChange(a, b, year, sum);
        }

        foreach (var tm in moves)
        {
            var team = def.Team(tm.TeamId)!;
            int year = def.FirstYear(tm.Turn) - 1;
            int spendYear = def.FirstYear(tm.Turn);
            for (int k = 0; k < tm.Moves.Count; k++)
            {
                var m = tm.Moves[k];
                var item = team.Item(m.Item)!;
                var actor = m.Actor ?? team.Actors[0];
                var target = m.Target ?? actor;
                switch (item.Kind)
                {
                    case MoveKind.Spending:
                        Spend(actor, spendYear, m.Value);
                        break;
                    case MoveKind.Mix:
                        mixes.Add(new MixShift(actor, Parse<MissionArea>(m.Option!), m.Value, year, def.LastYear(tm.Turn)));
                        break;
                    case MoveKind.HostMissiles:
                        missiles.Add(new MissileDeployment(null, m.Value, actor, patron, year, null));
                        break;
                    case MoveKind.Posture:
                        posture.RemoveAll(p => p.Host == target && p.Year == year);
                        posture.Add(new PostureEntry(target, year, (int)Math.Round(m.Value * 1000), null));
                        break;
                    case MoveKind.CostSharing:
                        costSharing.RemoveAll(c => c.Host == target && c.FromYear == year);
                        costSharing.Add(new CostSharingAgreement(target, year, null, m.Value, $"{tm.TeamId}-{tm.Turn}-{item.Id}"));
                        break;
                    case MoveKind.Stance:
                        var kind = Parse<StanceKind>(m.Option!);
                        allyStances.Add(new AllyStance(target, kind switch
                        {
                            StanceKind.Conditional => new StancePhase(year, kind, ConditionalHarshness, m.Value, m.Deadline),
                            StanceKind.Disengage => new StancePhase(year, kind, DisengageHarshness, null, null),
                            _ => new StancePhase(year, kind, ReassureHarshness, null, null),
                        }));
                        break;
                    case MoveKind.Tie:
                        Tie(actor, target, year, m.Value);
                        break;
                    case MoveKind.Programme:
                        programmes.Add(new CoDevelopmentProgramme($"{tm.TeamId}-{tm.Turn}-{item.Id}-{k}", [actor, target], Parse<MissionArea>(m.Option!), year));
                        break;
                    case MoveKind.Coercion:
                        crises.Add(new CrisisEvent(year, CrisisType.GrayZone, m.Value));
                        Tie(actor, target, year, -m.Value / 10);
                        break;
                    case MoveKind.Crisis:
                        crises.Add(new CrisisEvent(year, Parse<CrisisType>(m.Option!), m.Value));
                        break;
                    case MoveKind.Dialogue:
                        dialogues.Add(new DialogueChannel([actor, target], year, null, m.Value));
                        break;
                    default:
                        throw new InvalidOperationException("unknown move kind " + item.Kind);
                }
            }
        }

        foreach (var inj in injects)
        {
            int year = def.FirstYear(inj.Turn) - 1;
            var i = inj.Inject;
            switch (i.Kind)
            {
                case InjectKind.Crisis:
                    crises.Add(new CrisisEvent(year, Parse<CrisisType>(i.Option!), i.Value));
                    break;
                case InjectKind.Shock:
                    shocks.Add(new EconomicShock(year, i.Target is null ? [] : [i.Target], i.Option, i.Value));
                    break;
                case InjectKind.GovernmentChange:
                    Tie(i.Target!, patron, year, i.Value);
                    if (i.SpendingChangePct != 0)
                    {
                        Spend(i.Target!, year + 1, i.SpendingChangePct);
                    }

                    break;
                default:
                    throw new InvalidOperationException("unknown inject kind " + i.Kind);
            }
        }

        var edited = s with
        {
            Us = s.Us with { Posture = posture, CostSharing = costSharing, AllyStances = allyStances },
            Missiles = missiles,
            Programmes = programmes,
            Crises = crises,
            Dialogues = dialogues,
            Shocks = shocks,
            TieChanges = [.. ties.Values],
            SpendingShocks = [.. spending.Select(x => new SpendingShock(x.Key.Year, x.Key.Country, Math.Clamp(x.Value, -99, 100)))],
        };
        return (edited, mixes);
    }

    private static string Pair(string a, string b, int year) =>
        $"{(string.CompareOrdinal(a, b) < 0 ? a + "-" + b : b + "-" + a)} {year}";

    private static T Parse<T>(string kebab)
        where T : struct, Enum =>
        Names.TryParseKebab<T>(kebab, StringComparison.Ordinal, out var v) ? v : throw new InvalidOperationException($"unknown {typeof(T).Name} '{kebab}'");
}
