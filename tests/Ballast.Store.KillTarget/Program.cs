using System.Globalization;
using Ballast.Exploration.Experiments;
using Ballast.Exploration.Sampling;
using Ballast.Store;
using Ballast.Store.KillTarget;

// Usage: KillTarget STORE RUNS BATCH SPIN. Prints "stored N" after every committed batch, then "done".
var path = args[0];
int runs = int.Parse(args[1], CultureInfo.InvariantCulture);
int batch = int.Parse(args[2], CultureInfo.InvariantCulture);
int spin = int.Parse(args[3], CultureInfo.InvariantCulture);
var design = Design.Create(new DesignSpec(DesignKind.LatinHypercube, runs, 5), 3);
var parameters = SyntheticModel.Parameters;
var layout = SyntheticModel.Layout(design);
using var store = ResultStore.OpenOrCreate(path, layout, design);
var progress = new Progress<(int Done, int Total)>(_ => { });
var model = new SyntheticModel(spin);
ExperimentRunner.Run(model, design, parameters, new PrintingSink(store), new RunOptions(Threads: 2, BatchSize: batch));
Console.Out.WriteLine("done");
Console.Out.Flush();
return 0;
