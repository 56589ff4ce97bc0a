using System.Globalization;
using Ballast.Core.Model;
using Ballast.Engine.Random;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Ballast.Calibration.Estimation;

/// <summary>The indirect-inference estimate of the demand equation: structural parameters, their covariance and the fit.</summary>
/// <param name="Estimate">λ, β_Y, β_T, β_S with standard errors (delta method from the reduced form), σ_M, the panel facts.</param>
/// <param name="Auxiliary">The auxiliary statistics of the data: the within coefficients (ρ, b_Y, b_T, b_S) and the residual standard deviation.</param>
/// <param name="Simulations">Simulated panels per evaluation of the binding function.</param>
/// <param name="Objective">The minimised distance (≈ 0 when the binding function can match the data: the model is just identified).</param>
/// <param name="Evaluations">Evaluations of the binding function the optimiser used.</param>
public sealed record IndirectInferenceEstimate(DemandEstimate Estimate, double[] Auxiliary, int Simulations, double Objective, int Evaluations);

/// <summary>
/// Indirect inference (Gouriéroux, Monfort and Renault 1993; for dynamic panels Gouriéroux, Phillips and Yu 2010) of the
/// ally-demand equation. The auxiliary model is the within regression the calibration already runs; its statistics
/// — the coefficients of ln M_t, ln Y, ln(1+T), ln(1+S/M_0) and the residual standard deviation — are the moments. The
/// binding function simulates the historical panel with the engine's equation (<see cref="Equations.PartialAdjustment"/>,
/// <see cref="DemandTerms.DesiredLogSpending"/>): each country from its first observed year, with its observed GDP, threat
/// and spill-ins, its intercept set so its mean matches, and N(0, σ²) shocks from fixed random streams (common random
/// numbers), then runs the same within regression on the simulated spending. The estimate θ makes the average simulated
/// statistics equal the data's, which removes the Nickell bias of the within estimator by construction (the bias is
/// simulated, not approximated). Weighting matrix: the inverse of the auxiliary statistics' covariance (cluster-robust for
/// the coefficients, σ²/(2N) for the residual scale); the model is just identified (five parameters, five statistics), so the
/// weight affects only the path of the optimiser. Optimiser: Nelder–Mead from the auxiliary estimate. Covariance:
/// <c>(1 + 1/S) J⁻¹ Σ J⁻ᵀ</c>, J the Jacobian of the binding function (central differences, same random numbers).
/// </summary>
public static class IndirectInference
{
    /// <summary>Default number of simulated panels per evaluation.</summary>
    public const int DefaultSimulations = 20;

    /// <summary>Estimates the demand equation on the pairs of the panel whose dependent year lies in the window.</summary>
    public static IndirectInferenceEstimate Fit(DemandPanel panel, int? fromYear, int? untilYear, SpendingSeries spending, int simulations = DefaultSimulations, ulong seed = 20240101)
    {
        if (simulations < 2)
        {
            throw new BallastInputException("indirect inference needs at least 2 simulated panels", field: "--simulations", value: simulations.ToString(CultureInfo.InvariantCulture));
        }

        // The auxiliary fit on the data (no jackknife: the simulation corrects the bias) gives the sample, moments and their covariance.
        var aux = DemandEstimator.Fit(panel, fromYear, untilYear, spending, BiasCorrection.None);
        var pairs = DemandEstimator.Pairs(panel, fromYear, untilYear, spending).Where(p => aux.Countries.Contains(p.Now.Iso3)).OrderBy(p => p.Now.Iso3, StringComparer.Ordinal).ThenBy(p => p.Now.Year).ToList();
        var reference = aux.SpillInReference;
        var x = pairs.Select(p => new[] { p.Now.LnM, p.Now.LnY, p.Now.LnT, p.Now.SpillInTerm(reference[p.Now.Iso3]) }).ToArray();
        var countries = pairs.Select(p => p.Now.Iso3).ToList();
        var data = Moments(countries, pairs.Select(p => p.Next.LnM).ToList(), x);
        int k = data.Length;

        // Σ: covariance of the auxiliary statistics; W = Σ⁻¹.
        var sigma = Matrix<double>.Build.Dense(k, k);
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                sigma[i, j] = aux.ReducedCovariance[(i * 4) + j];
            }
        }

        sigma[4, 4] = data[4] * data[4] / (2.0 * pairs.Count);
        var w = sigma.Inverse();
        var shocks = Shocks(pairs.Count, simulations, seed);

        double Distance(Vector<double> theta)
        {
            if (theta[0] >= 1 - 1e-6 || theta[0] <= -1 || theta[4] <= 0)
            {
                return 1e12; // outside (0, 1] adjustment or a negative scale: not a model
            }

            var d = Vector<double>.Build.DenseOfArray(data) - Vector<double>.Build.DenseOfArray(Binding(theta.ToArray(), pairs, x, countries, shocks));
            return d * (w * d);
        }

        var start = Vector<double>.Build.DenseOfArray([.. aux.ReducedForm, aux.SigmaM]);
        var result = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Distance), start, Vector<double>.Build.DenseOfArray([0.02, 0.05, 0.05, 0.05, 0.01]), 1e-10, 4000);
        var theta = result.MinimizingPoint.ToArray();

        // J = ∂binding/∂θ by central differences with the same shocks; V(θ) = (1 + 1/S) J⁻¹ Σ J⁻ᵀ.
        var jac = Matrix<double>.Build.Dense(k, k);
        for (int c = 0; c < k; c++)
        {
            double h = 1e-3 * Math.Max(0.1, Math.Abs(theta[c]));
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[c] += h;
            down[c] -= h;
            var mu = Binding(up, pairs, x, countries, shocks);
            var md = Binding(down, pairs, x, countries, shocks);
            for (int r = 0; r < k; r++)
            {
                jac[r, c] = (mu[r] - md[r]) / (2 * h);
            }
        }

        var jinv = jac.Inverse();
        var cov = (1 + (1.0 / simulations)) * jinv * sigma * jinv.Transpose();
        int g = aux.Countries.Count;
        double tq = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, Math.Max(1, g - 1), 0.975);
        double lambda = 1 - theta[0];
        double seLambda = Math.Sqrt(Math.Max(0, cov[0, 0]));
        Estimate Structural(string name, int j, double uncorrected)
        {
            double value = theta[j] / lambda, gb = 1 / lambda, gr = theta[j] / (lambda * lambda);
            double se = Math.Sqrt(Math.Max(0, (gb * gb * cov[j, j]) + (gr * gr * cov[0, 0]) + (2 * gb * gr * cov[0, j])));
            return new Estimate(name, value, se, value - (tq * se), value + (tq * se), uncorrected);
        }

        var b = theta.Take(4).ToArray();
        var reduced = new double[16];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                reduced[(i * 4) + j] = cov[i, j];
            }
        }

        var estimate = aux with
        {
            Lambda = new Estimate("lambda", lambda, seLambda, lambda - (tq * seLambda), lambda + (tq * seLambda), aux.Lambda.Value),
            BetaY = Structural("beta_y", 1, aux.BetaY.Value),
            BetaT = Structural("beta_t", 2, aux.BetaT.Value),
            BetaS = Structural("beta_s", 3, aux.BetaS.Value),
            SigmaM = theta[4],
            ReducedForm = b,
            ReducedCovariance = reduced,
            Alpha = aux.Countries.ToDictionary(c => c, c => aux.ReducedIntercept(c, b) / lambda, StringComparer.Ordinal),
            Notes = [.. aux.Notes, string.Create(CultureInfo.InvariantCulture, $"Indirect inference: {simulations} simulated panels per evaluation, Nelder–Mead ({result.Iterations} iterations), distance {result.FunctionInfoAtMinimum.Value:G3}.")],
        };
        return new IndirectInferenceEstimate(estimate, data, simulations, result.FunctionInfoAtMinimum.Value, result.Iterations);
    }

    /// <summary>The auxiliary statistics of a panel: within coefficients (ρ, b_Y, b_T, b_S) and the residual standard deviation.</summary>
    public static double[] Moments(IReadOnlyList<string> countries, IReadOnlyList<double> y, IReadOnlyList<double[]> x)
    {
        var fit = WithinRegression.Fit(countries, y, x);
        return [.. fit.Coefficients, fit.ResidualSd];
    }

    /// <summary>
    /// The binding function: the mean auxiliary statistics of the panels simulated with reduced-form parameters
    /// θ = (ρ, b_Y, b_T, b_S, σ) and the given standard-normal shocks (one row per simulated panel).
    /// </summary>
    public static double[] Binding(double[] theta, IReadOnlyList<(DemandObservation Now, DemandObservation Next)> pairs, double[][] x, IReadOnlyList<string> countries, double[][] shocks)
    {
        double lambda = 1 - theta[0];
        var c = new DemandCoefficients(theta[1] / lambda, theta[2] / lambda, theta[3] / lambda, 0, lambda, theta[4]);

        // The intercept of each country matches its mean: a_i = ȳ_next − ρ ȳ − Σ b x̄ on the data (as the within estimator's fixed effect).
        var alpha = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var grp in Enumerable.Range(0, pairs.Count).GroupBy(i => countries[i]))
        {
            double a = grp.Average(i => pairs[i].Next.LnM) - (theta[0] * grp.Average(i => x[i][0]));
            for (int j = 1; j < 4; j++)
            {
                a -= theta[j] * grp.Average(i => x[i][j]);
            }

            alpha[grp.Key] = a / lambda;
        }

        var sum = new double[5];
        var ySim = new double[pairs.Count];
        var xSim = new double[pairs.Count][];
        foreach (var z in shocks)
        {
            double lnM = 0;
            for (int i = 0; i < pairs.Count; i++)
            {
                bool restart = i == 0 || countries[i] != countries[i - 1] || pairs[i].Now.Year != pairs[i - 1].Next.Year;
                if (restart)
                {
                    lnM = pairs[i].Now.LnM; // each country's path starts from its observed first year
                }

                double star = DemandTerms.DesiredLogSpending(c, alpha[countries[i]], x[i][1], x[i][2], x[i][3], 0);
                xSim[i] = [lnM, x[i][1], x[i][2], x[i][3]];
                lnM = Equations.PartialAdjustment(lnM, star, c.Lambda, c.SigmaM, z[i]);
                ySim[i] = lnM;
            }

            var m = Moments(countries, ySim, xSim);
            for (int j = 0; j < 5; j++)
            {
                sum[j] += m[j] / shocks.Length;
            }
        }

        return sum;
    }

    // Standard-normal shocks, one row per simulated panel, from counter-based streams (fixed across evaluations).
    private static double[][] Shocks(int n, int simulations, ulong seed) =>
        [.. Enumerable.Range(0, simulations).Select(s =>
        {
            ulong key = CounterRng.RunKey(seed ^ 0x11D1_7EC7, s);
            return Enumerable.Range(0, n).Select(i => CounterRng.Normal(key, (ulong)i)).ToArray();
        })];
}
